package dev.vesper.holder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vesper.core.crypto.TrustedKeys;
import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.testing.ErrorCodes;
import dev.vesper.core.testing.Fixtures;
import dev.vesper.server.store.Aead;
import dev.vesper.server.store.SoftwareKek;
import dev.vesper.server.testing.Api;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** KEK rotation re-wraps the tenants' data keys; the data opens under the new KEK only. */
class KekRotationTest {
  @TempDir Path dir;

  private static HolderServer start(Path dir, SoftwareKek kek) throws Exception {
    return HolderServer.start(new HolderConfig("127.0.0.1", 0, dir, null, TrustedKeys.of(Fixtures.issuerKey().publicJwk()),
        HolderHarness.ADMIN_KEY, kek, 1000, 1000, Clock.systemUTC()));
  }

  @Test
  void rotationKeepsEveryTokenReadableUnderTheNewKek() throws Exception {
    SoftwareKek oldKek = SoftwareKek.fromText(HolderHarness.KEK);
    SoftwareKek newKek = SoftwareKek.fromText(Base64.getEncoder().encodeToString(Aead.newKey()));
    String apiKey;
    String token;
    try (HolderHarness h = new HolderHarness("sqlite", dir)) {
      Api t = h.tenant("rotating");
      apiKey = t.bearerKey();
      token = h.importToken(t, HolderHarness.newKey(t), JourneysTest.CONSUMER);
    }
    assertThat(HolderServer.rotateKek(null, dir, oldKek, newKek)).isEqualTo(1);
    assertThat(HolderServer.rotateKek(null, dir, oldKek, newKek)).as("idempotent").isZero();
    try (HolderServer s = start(dir, newKek)) {
      Api t = new Api("http://127.0.0.1:" + s.port(), apiKey);
      assertThat(t.get("/v1/tokens/" + token).status()).isEqualTo(200);
    }
    try (HolderServer s = start(dir, oldKek)) {
      Api t = new Api("http://127.0.0.1:" + s.port(), apiKey);
      Api.Reply r = t.get("/v1/tokens/" + token);
      assertThat(r.status()).isEqualTo(500);
      assertThat(r.error()).isEqualTo(ErrorCode.STORAGE_INTEGRITY.id());
    }
    // Rotating from a KEK that no longer wraps the keys fails closed, changing nothing.
    SoftwareKek third = SoftwareKek.fromText(Base64.getEncoder().encodeToString(Aead.newKey()));
    assertThat(ErrorCodes.of(() -> HolderServer.rotateKek(null, dir, oldKek, third))).isEqualTo(ErrorCode.STORAGE_INTEGRITY);
  }
}
