package dev.vesper.issuer;

import static dev.vesper.issuer.IssuerHarness.expect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vesper.core.crypto.SigningKey;
import dev.vesper.core.crypto.TrustedKeys;
import dev.vesper.core.sdjwt.Disclosure;
import dev.vesper.core.sdjwt.HolderToken;
import dev.vesper.core.sdjwt.KeyBindingRequest;
import dev.vesper.core.sdjwt.Limits;
import dev.vesper.core.sdjwt.SdJwt;
import dev.vesper.core.token.ClaimSelector;
import dev.vesper.server.fetch.OutboundFetcher;
import dev.vesper.server.fetch.Resolver;
import dev.vesper.server.testing.Api;
import dev.vesper.verifier.HttpStatusFetcher;
import dev.vesper.verifier.PresentationVerifier;
import dev.vesper.verifier.StatusLists;
import dev.vesper.verifier.Verification;
import dev.vesper.verifier.VerificationPolicy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The whole issuance journey against the real server and the real verifier, on SQLite and
 * PostgreSQL: register → KYC attestation → authority token → proof → token; then revocation,
 * suspension and reinstatement seen through the status list; then a batch that shares nothing.
 */
class IssuanceJourneyTest {
  private static final String AUD = "https://verifier.example";

  @TempDir
  Path dir;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"sqlite", "postgres"})
  @SuppressWarnings("unchecked")
  void vetIssueVerifyRevoke(String store) throws Exception {
    try (IssuerHarness h = new IssuerHarness(store, dir)) {
      Api acme = h.register(IssuerHarness.ACME);
      assertThat(expect(acme.get("/v1/entities/" + acme.tenantId()), 200).string("kyc_state")).isEqualTo("pending");
      h.vet(acme);
      Api.Reply described = expect(acme.get("/v1/entities/" + acme.tenantId()), 200);
      assertThat(described.string("kyc_state")).isEqualTo("verified");
      assertThat(described.list("numbers")).allSatisfy(n -> assertThat(n).containsEntry("right_to_use", true));

      SigningKey holder = IssuerHarness.newHolderKey();
      Api.Reply issued = expect(acme.post("/v1/entities/" + acme.tenantId() + "/tokens",
          Map.of("proofs", List.of(h.proof(holder, h.nonce(acme))))), 201);
      String token = (String) issued.list("tokens").get(0).get("token");
      String tokenId = (String) issued.list("tokens").get(0).get("id");

      // The token as the verifier sees it: kyc and tn are what was vetted.
      TrustedKeys issuerKeys = TrustedKeys.parse(expect(h.operator.get("/jwks.json"), 200).raw().body());
      Map<String, Object> claims = verify(token, holder, issuerKeys, List.of("name", "kyc", "tn", "entity_type")).verified().orElseThrow().claims();
      assertThat(claims).containsEntry("name", "Acme Widgets Inc.").containsEntry("entity_type", "organization");
      @SuppressWarnings("unchecked")
      Map<String, Object> kyc = (Map<String, Object>) claims.get("kyc");
      assertThat(kyc).containsEntry("level", "substantial").containsEntry("method", "document_and_registry").containsKey("vetted_at");
      assertThat((List<Object>) claims.get("tn")).containsExactlyInAnyOrder("12025550100", Map.of("start", "12025550200", "count", 100L));
      assertThat(SdJwt.parse(token, Limits.DEFAULT).issuerJwt().payload()).containsKey("status")
          .containsEntry("iss", h.base);
      assertThat(expect(h.operator.get("/.well-known/jwt-vc-issuer"), 200).body()).containsEntry("issuer", h.base).containsKey("jwks");

      // Suspend: refused once the list's ttl (1 s) has passed; reinstate: accepted again; revoke: final.
      StatusLists lists = StatusLists.using(HttpStatusFetcher.using(OutboundFetcher.create(Resolver.system(), Clock.systemUTC()).forLocalTesting()), Clock.systemUTC());
      assertThat(verifyWithStatus(token, holder, issuerKeys, lists).failure()).isEmpty();
      expect(h.operator.post("/v1/tokens/" + tokenId + "/suspend", Map.of("reason", "holder_request")), 200);
      Thread.sleep(1100);
      assertThat(verifyWithStatus(token, holder, issuerKeys, lists).failure()).get()
          .extracting(e -> e.code().id()).isEqualTo("status.suspended");
      expect(h.operator.post("/v1/tokens/" + tokenId + "/reinstate", Map.of("reason", "holder_request")), 200);
      Thread.sleep(1100);
      assertThat(verifyWithStatus(token, holder, issuerKeys, lists).failure()).isEmpty();
      expect(acme.post("/v1/tokens/" + tokenId + "/revoke", Map.of("reason", "key_compromise")), 200);
      Thread.sleep(1100);
      assertThat(verifyWithStatus(token, holder, issuerKeys, lists).failure()).get()
          .extracting(e -> e.code().id()).isEqualTo("status.revoked");
      assertThat(expect(h.operator.post("/v1/tokens/" + tokenId + "/reinstate", Map.of("reason", "holder_request")), 409).error())
          .isEqualTo("issuance.status_conflict");

      List<String> kinds = expect(acme.get("/v1/entities/" + acme.tenantId() + "/events"), 200).list("events").stream()
          .map(e -> (String) e.get("kind")).toList();
      assertThat(kinds).containsSubsequence("entity_created", "kyc_attestation_accepted", "rtu_validated", "token_issued",
          "token_suspended", "token_reinstated", "token_revoked");
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"sqlite", "postgres"})
  void aBatchSharesNoSaltDigestKeyOrStatusIndex(String store) throws Exception {
    try (IssuerHarness h = new IssuerHarness(store, dir)) {
      Api acme = h.register(IssuerHarness.ACME);
      h.vet(acme);
      String nonce = h.nonce(acme);
      List<SigningKey> holders = List.of(IssuerHarness.newHolderKey(), IssuerHarness.newHolderKey(), IssuerHarness.newHolderKey());
      Api.Reply issued = expect(acme.post("/v1/entities/" + acme.tenantId() + "/tokens",
          Map.of("proofs", holders.stream().map(k -> h.proof(k, nonce)).toList())), 201);
      assertThat(issued.list("tokens")).hasSize(3);
      Set<String> salts = new HashSet<>();
      Set<String> digests = new HashSet<>();
      Set<Object> keys = new HashSet<>();
      Set<Object> indexes = new HashSet<>();
      int disclosures = 0;
      for (Map<String, Object> t : issued.list("tokens")) {
        SdJwt sd = SdJwt.parse((String) t.get("token"), Limits.DEFAULT);
        Map<String, Object> payload = sd.issuerJwt().payload();
        keys.add(payload.get("cnf"));
        indexes.add(((Map<?, ?>) payload.get("status")).get("status_list"));
        for (Object digest : (List<?>) payload.get("_sd")) {
          assertThat(digests.add((String) digest)).as("top-level digest repeated across the batch").isTrue();
        }
        for (Disclosure d : sd.disclosures()) {
          salts.add(d.salt());
          digests.add(d.digest() + "#disclosure");
          disclosures++;
        }
      }
      assertThat(salts).hasSize(disclosures);
      assertThat(digests).hasSizeGreaterThanOrEqualTo(disclosures);
      assertThat(keys).hasSize(3);
      assertThat(indexes).hasSize(3);
      // The nonce was spent by the batch.
      assertThat(expect(acme.post("/v1/entities/" + acme.tenantId() + "/tokens",
          Map.of("proofs", List.of(h.proof(IssuerHarness.newHolderKey(), nonce)))), 400).error()).isEqualTo("issuance.nonce_invalid");
    }
  }

  private static Verification verify(String token, SigningKey holder, TrustedKeys issuerKeys, List<String> disclose) throws Exception {
    VerificationPolicy policy = VerificationPolicy.builder(issuerKeys).expectAudience(AUD).expectNonce("n-1").build();
    return PresentationVerifier.create().check(present(token, holder, disclose), policy);
  }

  private static Verification verifyWithStatus(String token, SigningKey holder, TrustedKeys issuerKeys, StatusLists lists) throws Exception {
    VerificationPolicy policy = VerificationPolicy.builder(issuerKeys).expectAudience(AUD).expectNonce("n-1").checkStatus(lists).build();
    return PresentationVerifier.create().check(present(token, holder, List.of("name")), policy);
  }

  static String present(String token, SigningKey holder, List<String> disclose) throws Exception {
    HolderToken t = HolderToken.fromTrustedStore(token, Limits.DEFAULT);
    Set<Disclosure> selected = new LinkedHashSet<>();
    for (String path : disclose) {
      selected.addAll(ClaimSelector.parse(path).select(t));
    }
    return t.present(selected, holder, new KeyBindingRequest(AUD, "n-1", Instant.now().getEpochSecond()));
  }
}
