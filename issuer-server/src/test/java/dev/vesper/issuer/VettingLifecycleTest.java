package dev.vesper.issuer;

import static dev.vesper.issuer.IssuerHarness.expect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vesper.core.testing.MutableClock;
import dev.vesper.server.testing.Api;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Vetting that changes after issuance, on SQLite and PostgreSQL: KYC that lapses (tokens never outlive
 * it; issuance stops), an operator's rejection and a released number (each revokes exactly the live
 * tokens it must), all kept as events.
 */
class VettingLifecycleTest {
  @TempDir
  Path dir;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"sqlite", "postgres"})
  void lapsedKycExpiresTheEntityAndStopsIssuance(String store) throws Exception {
    MutableClock clock = new MutableClock(Instant.now());
    try (IssuerHarness h = new IssuerHarness(store, dir, Duration.ofSeconds(1), clock, Duration.ofDays(10))) {
      Api acme = h.register(IssuerHarness.ACME);
      h.vet(acme);
      Map<String, Object> token = issue(h, acme);
      assertThat((Long) token.get("expires_at") - clock.instant().getEpochSecond())
          .as("a token never outlives its vetting").isLessThanOrEqualTo(Duration.ofDays(10).toSeconds());
      clock.advance(Duration.ofDays(11));
      assertThat(h.server.sweepExpiredKyc()).isEqualTo(1);
      assertThat(entity(acme).string("kyc_state")).isEqualTo("expired");
      assertThat((Long) token.get("expires_at")).as("the token lapsed with its vetting").isLessThanOrEqualTo(clock.instant().getEpochSecond());
      assertThat(expect(acme.get("/v1/entities/" + acme.tenantId() + "/events"), 200).list("events").stream()
          .map(e -> e.get("kind"))).contains("kyc_expired");
      assertThat(expect(acme.post("/v1/entities/" + acme.tenantId() + "/tokens",
          Map.of("proofs", List.of(h.proof(IssuerHarness.newHolderKey(), h.nonce(acme))))), 403).error()).isEqualTo("vetting.kyc_not_verified");
      // A fresh attestation verifies the entity again.
      expect(acme.post("/v1/entities/" + acme.tenantId() + "/kyc",
          Map.of("attestation", h.attestation(h.kycProvider, acme.tenantId(), IssuerHarness.acmeVerified(), 3600, Map.of()))), 200);
      assertThat(entity(acme).string("kyc_state")).isEqualTo("verified");
      assertThat(h.server.sweepExpiredKyc()).isZero();
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"sqlite", "postgres"})
  void rejectionRevokesEveryLiveToken(String store) throws Exception {
    try (IssuerHarness h = new IssuerHarness(store, dir)) {
      Api acme = h.register(IssuerHarness.ACME);
      h.vet(acme);
      Map<String, Object> first = issue(h, acme);
      Map<String, Object> second = issue(h, acme);
      expect(h.operator.post("/v1/entities/" + acme.tenantId() + "/review",
          Map.of("decision", "reject", "reason", "sanctions list match")), 200);
      assertThat(entity(acme).string("kyc_state")).isEqualTo("rejected");
      assertThat(entity(acme).string("reason")).isEqualTo("sanctions list match");
      for (Map<String, Object> t : List.of(first, second)) {
        assertThat(status(acme, t)).containsEntry("status", "revoked").containsEntry("status_reason", "kyc_invalidated");
      }
      // The operator may approve after all: issuance works again, at the level the review states.
      expect(h.operator.post("/v1/entities/" + acme.tenantId() + "/review",
          Map.of("decision", "approve", "reason", "false positive", "level", "high")), 200);
      assertThat(entity(acme).string("kyc_state")).isEqualTo("verified");
      issue(h, acme);
      assertThat(expect(acme.post("/v1/entities/" + acme.tenantId() + "/review",
          Map.of("decision", "approve", "reason", "self-approval", "level", "high")), 403).error()).isEqualTo("auth.forbidden");
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"sqlite", "postgres"})
  void releasingANumberRevokesTokensCarryingItAndItsRightToUse(String store) throws Exception {
    try (IssuerHarness h = new IssuerHarness(store, dir)) {
      Api acme = h.register(IssuerHarness.ACME);
      h.vet(acme);
      Map<String, Object> before = issue(h, acme);
      expect(acme.post("/v1/entities/" + acme.tenantId() + "/numbers/release",
          Map.of("numbers", List.of("+1 202 555 0100"), "reason", "number_reassigned")), 200);
      assertThat(status(acme, before)).containsEntry("status", "revoked").containsEntry("status_reason", "number_reassigned");
      Map<String, Object> after = issue(h, acme);
      assertThat(after.get("tn")).isEqualTo(List.of(Map.of("start", "12025550200", "count", 100L)));
      // Re-claiming the released number needs a new authority token: the old coverage was cut.
      Api.Reply reclaim = acme.post("/v1/entities/" + acme.tenantId() + "/numbers",
          Map.of("authority_token", h.authorityToken(acme.tenantId(), IssuerHarness.acmeNumbers()), "claim", List.of("12025550100")));
      expect(reclaim, 200);
      assertThat(reclaim.list("numbers")).hasSize(2).allSatisfy(n -> assertThat(n).containsEntry("right_to_use", true));
      List<String> kinds = expect(acme.get("/v1/entities/" + acme.tenantId() + "/events"), 200).list("events").stream()
          .map(e -> (String) e.get("kind")).toList();
      assertThat(kinds).containsSubsequence("numbers_released", "token_revoked", "token_issued", "rtu_validated", "numbers_claimed");
    }
  }

  private static Map<String, Object> issue(IssuerHarness h, Api acme) {
    String id = (String) expect(acme.post("/v1/entities/" + acme.tenantId() + "/tokens",
        Map.of("proofs", List.of(h.proof(IssuerHarness.newHolderKey(), h.nonce(acme))))), 201).list("tokens").get(0).get("id");
    return expect(acme.get("/v1/tokens/" + id), 200).body();
  }

  private static Map<String, Object> status(Api acme, Map<String, Object> token) {
    return expect(acme.get("/v1/tokens/" + token.get("id")), 200).body();
  }

  private static Api.Reply entity(Api acme) {
    return expect(acme.get("/v1/entities/" + acme.tenantId()), 200);
  }
}
