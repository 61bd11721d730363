package dev.vesper.holder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vesper.core.crypto.TrustedKeys;
import dev.vesper.core.phone.TnAuthList;
import dev.vesper.core.stir.StiPki;
import dev.vesper.core.testing.Fixtures;
import dev.vesper.server.store.SoftwareKek;
import dev.vesper.server.testing.Api;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The STI-AS follows the pool's rotation like every presentation (issue 14 §1): an individual's signed
 * calls to two callees use two tokens, and with the pool spent the next signing is refused, not answered
 * with a token shown before.
 */
class StiRotationTest {
  @TempDir Path dir;

  @Test
  void signedCallsOfAnIndividualRotateAndAnEmptyPoolRefuses() throws Exception {
    StiPki pki = StiPki.generate(new SecureRandom(), "Test");
    StiPki.Credential carrier = pki.issue("Holder STI-AS", new TnAuthList(List.of(new TnAuthList.One("12025550111"))));
    try (HolderServer server = HolderServer.start(new HolderConfig("127.0.0.1", 0, dir, null, TrustedKeys.of(Fixtures.issuerKey().publicJwk()),
        HolderHarness.ADMIN_KEY, SoftwareKek.fromText(HolderHarness.KEK), 1000, 1000, Clock.systemUTC(), null,
        new StiCredential(carrier.key(), carrier.x5c(), "https://cert.holder.example/sti.pem")))) {
      String base = "http://127.0.0.1:" + server.port();
      Api.Reply created = new Api(base, HolderHarness.ADMIN_KEY).post("/v1/tenants", Map.of("name", "Jane"));
      Api jane = new Api(base, created.string("api_key"));
      for (int i = 0; i < 2; i++) {
        assertThat(jane.post("/v1/tokens", Map.of("token", new TokenFactory().issue(JourneysTest.CONSUMER, HolderHarness.newKey(jane))))
            .status()).isEqualTo(201);
      }
      assertThat(sign(jane, "+14155550123").status()).isEqualTo(200);
      assertThat(sign(jane, "+13035550199").status()).isEqualTo(200);
      assertThat(jane.get("/v1/tokens").list("tokens")).as("each signed call used its own token")
          .allSatisfy(t -> assertThat(t).containsEntry("shown", true));
      Api.Reply refused = sign(jane, "+16175550100");
      assertThat(refused.status()).isEqualTo(409);
      assertThat(refused.error()).isEqualTo("holder.pool_exhausted");
    }
  }

  private static Api.Reply sign(Api tenant, String dest) {
    return tenant.post("/stir/v1/signing", Map.of("signingRequest", Map.of("orig", Map.of("tn", "+12025550111"),
        "dest", Map.of("tn", List.of(dest)), "iat", Instant.now().getEpochSecond())));
  }
}
