package dev.vesper.holder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vesper.core.crypto.PublicJwk;
import dev.vesper.core.crypto.TrustedKeys;
import dev.vesper.core.testing.Fixtures;
import dev.vesper.server.store.SoftwareKek;
import dev.vesper.server.testing.Api;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 §8: a tenant cannot fill the service with copies of one token (9,800 imports of the same token
 * made its calls take seconds): a second import of a token answers 409 {@code holder.duplicate_token},
 * and a tenant holds at most the configured number of tokens (409 {@code holder.token_limit}).
 */
class TokenImportLimitsTest {
  @TempDir Path dir;

  @Test
  void aTokenIsHeldOnceAndATenantHoldsAtMostItsCap() throws Exception {
    try (HolderServer server = HolderServer.start(new HolderConfig("127.0.0.1", 0, dir, null, TrustedKeys.of(Fixtures.issuerKey().publicJwk()),
        HolderHarness.ADMIN_KEY, SoftwareKek.fromText(HolderHarness.KEK), 1000, 1000, Clock.systemUTC(), null, null, null, 3))) {
      String base = "http://127.0.0.1:" + server.port();
      Api.Reply created = new Api(base, HolderHarness.ADMIN_KEY).post("/v1/tenants", Map.of("name", "Acme"));
      Api acme = new Api(base, created.string("api_key"));
      PublicJwk key = HolderHarness.newKey(acme);
      TokenFactory issuer = new TokenFactory();

      String token = issuer.issue(JourneysTest.ENTERPRISE, key);
      assertThat(acme.post("/v1/tokens", Map.of("token", token)).status()).isEqualTo(201);
      Api.Reply again = acme.post("/v1/tokens", Map.of("token", token));
      assertThat(again.status()).isEqualTo(409);
      assertThat(again.error()).isEqualTo("holder.duplicate_token");
      assertThat(acme.get("/v1/tokens").list("tokens")).hasSize(1);

      String second = acme.post("/v1/tokens", Map.of("token", issuer.issue(JourneysTest.ENTERPRISE, key))).string("id");
      assertThat(acme.post("/v1/tokens", Map.of("token", issuer.issue(JourneysTest.CONSUMER, key))).status()).isEqualTo(201);
      Api.Reply fourth = acme.post("/v1/tokens", Map.of("token", issuer.issue(JourneysTest.CONSUMER, key)));
      assertThat(fourth.status()).isEqualTo(409);
      assertThat(fourth.error()).isEqualTo("holder.token_limit");
      assertThat(acme.delete("/v1/tokens/" + second).status()).isEqualTo(204);
      assertThat(acme.post("/v1/tokens", Map.of("token", issuer.issue(JourneysTest.CONSUMER, key))).status()).as("room again").isEqualTo(201);
    }
  }
}
