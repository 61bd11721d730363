package dev.vesper.stack;

import dev.vesper.core.crypto.CleartextKeys;
import dev.vesper.core.crypto.SigningKey;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.json.Json;
import dev.vesper.core.phone.TnAuthList;
import dev.vesper.core.stir.Pem;
import dev.vesper.core.stir.StiPki;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The local stack's demo STI PKI, generated on first run into {@code <data>/keys}: a demo STI root
 * (trusted by the stack's verifier) and the holder service's STI-AS certificate, whose TNAuthList
 * covers the demo numbers (+1 202 555 xxxx and +1 303 555 xxxx), with its key.
 */
record StackSti(X509Certificate root, List<String> x5c, SigningKey key) {
  static final TnAuthList DEMO_NUMBERS = new TnAuthList(List.of(
      new TnAuthList.Range("12025550000", 10000), new TnAuthList.Range("13035550000", 10000)));

  static StackSti loadOrCreate(Path dataDir) throws IOException, VesperException {
    Path dir = dataDir.resolve("keys");
    Path rootFile = dir.resolve("demo-sti-root.pem");
    Path chainFile = dir.resolve("sti-as-chain.pem");
    Path keyFile = dir.resolve("sti-as.jwk");
    if (!Files.exists(rootFile) || !Files.exists(chainFile) || !Files.exists(keyFile)) {
      StiPki pki = StiPki.generate(new SecureRandom(), "Vesper demo");
      StiPki.Credential as = pki.issue("Vesper local stack STI-AS", DEMO_NUMBERS);
      StackFiles.write(keyFile, Json.write(CleartextKeys.toPrivateJwk(as.key())) + "\n", true);
      StackFiles.write(chainFile, Pem.encode(as.x5c()), false);
      StackFiles.write(rootFile, Pem.encode(Pem.x5c(List.of(pki.root()))), false);
    }
    try {
      return new StackSti(Pem.certificates(StackFiles.read(rootFile)).get(0), Pem.x5c(Pem.certificates(StackFiles.read(chainFile))),
          SigningKey.parse(StackFiles.read(keyFile)));
    } catch (IllegalArgumentException e) {
      throw new IOException("a stored STI certificate is unreadable: " + e.getMessage(), e);
    }
  }
}
