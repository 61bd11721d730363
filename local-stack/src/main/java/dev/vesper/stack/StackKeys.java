package dev.vesper.stack;

import dev.vesper.core.crypto.CleartextKeys;
import dev.vesper.core.crypto.SigningKey;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.json.Json;
import dev.vesper.core.log.NoteSigner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Every key of the local stack, in {@code <data>/keys}, generated on first run (mode 0600) and reused
 * after: the issuer's signing key, the demo KYC provider's and demo numbering authority's keys, the
 * log's note key and number-label key, the registrar key, the admin key and the holder's KEK.
 */
record StackKeys(
    SigningKey issuer, SigningKey demoKycProvider, SigningKey demoNumberingAuthority, SigningKey registrar, NoteSigner log,
    byte[] labelKey, String adminKey, Path kekFile) {
  static final String LOG_ORIGIN = "log.local.vesper.dev/demo";

  static StackKeys loadOrCreate(Path dataDir) throws IOException, VesperException {
    Path dir = dataDir.resolve("keys");
    SecureRandom random = new SecureRandom();
    return new StackKeys(
        signingKey(dir.resolve("issuer.jwk"), "issuer-1", random),
        signingKey(dir.resolve("demo-kyc-provider.jwk"), "demo-kyc-1", random),
        signingKey(dir.resolve("demo-numbering-authority.jwk"), "demo-na-1", random),
        signingKey(dir.resolve("registrar.jwk"), "registrar-1", random),
        NoteSigner.parseSkey(secret(dir.resolve("log.skey"), () -> NoteSigner.generate(LOG_ORIGIN, random).skey())),
        Base64.getDecoder().decode(secret(dir.resolve("number-label.key"), () -> base64(random, 32))),
        secret(dir.resolve("admin.key"), () -> base64(random, 24)),
        dir.resolve("kek.b64"));
  }

  private interface Maker {
    String make();
  }

  private static SigningKey signingKey(Path file, String kid, SecureRandom random) throws IOException, VesperException {
    return SigningKey.parse(secret(file, () -> Json.write(CleartextKeys.toPrivateJwk(SigningKey.generate(random, kid)))));
  }

  private static String secret(Path file, Maker maker) throws IOException {
    if (!Files.exists(file)) {
      StackFiles.write(file, maker.make() + "\n", true);
    }
    return StackFiles.read(file).strip();
  }

  private static String base64(SecureRandom random, int bytes) {
    byte[] b = new byte[bytes];
    random.nextBytes(b);
    return Base64.getEncoder().encodeToString(b);
  }
}
