package dev.vesper.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.vesper.core.json.Base64Url;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The provider seam: the setting is honoured, ACCP is taken where it loads, and the two engines agree
 * (a signature made by one verifies with the other, in both directions, for many keys). The whole
 * wallet-core and verifier suites also run once per provider (the surefire executions in the poms).
 */
class CryptoProviderTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  @Test
  void theProviderInUseIsTheOneTheBuildAskedFor() {
    String setting = System.getProperty("vesper.crypto", "auto");
    CryptoProvider inUse = CryptoProvider.inUse();
    switch (setting) {
      case "bc" -> assertThat(inUse).isEqualTo(CryptoProvider.BOUNCY_CASTLE);
      case "accp" -> assertThat(inUse).isEqualTo(CryptoProvider.CORRETTO);
      default -> {
        if (isLinuxX86_64()) {
          assertThat(inUse).as("auto takes ACCP where its native library loads").isEqualTo(CryptoProvider.CORRETTO);
        }
      }
    }
    assertThat(CryptoProvider.describeInUse()).startsWith(inUse.id() + ": ");
  }

  @Test
  void accpLoadsAndPassesItsSelfTestOnLinuxX86_64() {
    assumeThat(isLinuxX86_64()).isTrue();
    CorrettoEs256.Loaded loaded = CorrettoEs256.load();
    assertThat(loaded.engine()).as(loaded.detail()).isPresent();
    assertThat(loaded.detail()).contains("2.5.0");
  }

  @Test
  void anUnknownSettingIsAnErrorNotASilentDefault() {
    assertThatThrownBy(() -> CryptoProvider.fromSetting("openssl"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("bc, accp or auto");
    assertThat(CryptoProvider.fromSetting(" ACCP ")).isEqualTo(CryptoProvider.CORRETTO);
    assertThat(CryptoProvider.fromSetting("bc")).isEqualTo(CryptoProvider.BOUNCY_CASTLE);
  }

  @Test
  void signaturesOfEitherEngineVerifyWithTheOther() throws Exception {
    assumeThat(CorrettoEs256.load().engine()).isPresent();
    List<Es256Engine> engines = List.of(new BouncyCastleEs256(), CorrettoEs256.load().engine().orElseThrow());
    for (int i = 0; i < 50; i++) {
      SigningKey key = SigningKey.generate(RANDOM, null);
      Map<String, Object> jwk = key.publicJwk().toJson();
      BigInteger x = new BigInteger(1, Base64Url.decode((String) jwk.get("x"), "x"));
      BigInteger y = new BigInteger(1, Base64Url.decode((String) jwk.get("y"), "y"));
      byte[] data = ("message " + i).getBytes(StandardCharsets.US_ASCII);
      for (Es256Engine signer : engines) {
        PrivateKey privateKey = signer.privateKey(key.privateScalar());
        byte[] signature = signer.sign(privateKey, data, RANDOM);
        assertThat(signature).hasSize(Es256.SIGNATURE_LENGTH);
        for (Es256Engine verifier : engines) {
          PublicKey publicKey = verifier.publicKey(x, y);
          assertThat(verifier.verify(publicKey, data, signature))
              .as("%s signed, %s verifies", signer.provider(), verifier.provider())
              .isTrue();
          byte[] tampered = signature.clone();
          tampered[5] ^= 1;
          assertThat(verifier.verify(publicKey, data, tampered)).isFalse();
          assertThat(verifier.verify(publicKey, data, new byte[63])).isFalse();
        }
      }
    }
  }

  private static boolean isLinuxX86_64() {
    String arch = System.getProperty("os.arch");
    return System.getProperty("os.name").equals("Linux") && (arch.equals("amd64") || arch.equals("x86_64"));
  }
}
