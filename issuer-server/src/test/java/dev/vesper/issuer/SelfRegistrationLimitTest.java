package dev.vesper.issuer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vesper.server.testing.Api;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Also" of issue 11: anonymous self-registration has a limit of its own (4,922 entities in 4 s went
 * through the callers' request limit): here 20 a minute, two from one address.
 */
class SelfRegistrationLimitTest {
  @TempDir Path dir;

  @Test
  void anonymousRegistrationsAreLimitedPerAddress() throws Exception {
    try (IssuerHarness h = new IssuerHarness("sqlite", dir, 20)) {
      Api anonymous = new Api(h.base, null);
      String body = "{\"entity_type\": \"organization\", \"attributes\": " + IssuerHarness.ACME + "}";
      assertThat(anonymous.post("/v1/entities", body).status()).isEqualTo(201);
      assertThat(anonymous.post("/v1/entities", body).status()).isEqualTo(201);
      Api.Reply third = anonymous.post("/v1/entities", body);
      assertThat(third.status()).isEqualTo(429);
      assertThat(third.error()).isEqualTo("request.rate_limited");
      assertThat(third.raw().headers().firstValue("Retry-After")).isPresent();
      int refused = 0;
      for (int i = 0; i < 50; i++) {
        refused += anonymous.post("/v1/entities", body).status() == 429 ? 1 : 0;
      }
      assertThat(refused).as("a flood from one address").isEqualTo(50);
    }
  }
}
