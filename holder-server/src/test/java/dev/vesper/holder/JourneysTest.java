package dev.vesper.holder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vesper.core.crypto.PublicJwk;
import dev.vesper.core.crypto.TrustedKeys;
import dev.vesper.core.phone.TelephoneNumber;
import dev.vesper.core.testing.Fixtures;
import dev.vesper.core.token.CallBinding;
import dev.vesper.core.token.ClaimSelector;
import dev.vesper.server.testing.Api;
import dev.vesper.verifier.DelegationProof;
import dev.vesper.verifier.PresentationVerifier;
import dev.vesper.verifier.Verification;
import dev.vesper.verifier.VerificationPolicy;
import dev.vesper.verifier.VerifiedPresentation;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The three journeys of the holder issue, end to end on a real port, each ending with the real
 * {@link PresentationVerifier} accepting exactly the intended claims; on SQLite and on PostgreSQL.
 */
class JourneysTest {
  static final String CONSUMER =
      "{\"name\":\"Jane Roe\",\"entity_type\":\"individual\",\"address\":{\"locality\":\"Springfield\",\"country\":\"US\"},"
          + "\"kyc\":{\"level\":\"substantial\",\"method\":\"document\"},\"tn\":[\"+1 202 555 0111\"]}";
  static final String ENTERPRISE =
      "{\"name\":\"Acme Widgets Inc.\",\"entity_type\":\"organization\","
          + "\"address\":{\"street_address\":\"1 Main St\",\"locality\":\"Washington\",\"country\":\"US\"},"
          + "\"business_ids\":{\"ein\":\"12-3456789\"},\"kyc\":{\"level\":\"high\",\"method\":\"registry\"},"
          + "\"tn\":[\"+12025550100\",{\"start\":\"12025550200\",\"count\":100}]}";

  static final String CONTACT_CENTRE =
      "{\"name\":\"Dial Partners\",\"entity_type\":\"organization\",\"tn\":[\"+14155550100\"]}";

  @TempDir Path dir;

  private static VerificationPolicy callPolicy(CallBinding call, String orig) throws Exception {
    return VerificationPolicy.builder(TrustedKeys.of(Fixtures.issuerKey().publicJwk())).expectAudience(call.audience())
        .expectNonce(call.nonce()).require(ClaimSelector.parse("tn=" + orig)).build();
  }

  private static Map<String, Object> verifyCall(String presentation, CallBinding call) throws Exception {
    VerificationPolicy policy = VerificationPolicy.builder(TrustedKeys.of(Fixtures.issuerKey().publicJwk()))
        .expectAudience(call.audience()).expectNonce(call.nonce()).build();
    return PresentationVerifier.create().verify(presentation, policy).claims();
  }

  private static Map<String, Object> call(String orig, String dest, long iat) {
    return Map.of("orig", orig, "dest", List.of(dest), "iat", iat);
  }

  private static CallBinding binding(String orig, String dest, long iat) throws Exception {
    return new CallBinding(TelephoneNumber.parse(orig), List.of(TelephoneNumber.parse(dest)), iat, null);
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgres"})
  void consumerRevealsOnlyTheVerifiedNameAndTheCallingNumber(String store) throws Exception {
    try (HolderHarness h = new HolderHarness(store, dir)) {
      Api carrier = h.tenant("Example Carrier (consumers)");
      PublicJwk key = HolderHarness.newKey(carrier);
      h.importToken(carrier, key, CONSUMER);
      long iat = Instant.now().getEpochSecond();
      Api.Reply r = carrier.post("/v1/presentations/call", call("+12025550111", "+13035550199", iat));
      assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
      Map<String, Object> claims = verifyCall(r.string("presentation"), binding("12025550111", "13035550199", iat));
      assertThat(claims).containsEntry("name", "Jane Roe").containsEntry("tn", List.of("12025550111"));
      assertThat(claims).doesNotContainKeys("address", "kyc", "entity_type");
      assertThat(r.string("aud")).isEqualTo("tel:+13035550199");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgres"})
  void enterpriseSendsDifferentAttributeSetsToTwoAudiences(String store) throws Exception {
    try (HolderHarness h = new HolderHarness(store, dir)) {
      Api acme = h.tenant("Acme");
      String token = h.importToken(acme, HolderHarness.newKey(acme), ENTERPRISE);
      Api.Reply put = acme.put("/v1/tokens/" + token + "/policy", Map.of(
          "default", List.of("name", "tn"),
          "audiences", List.of(
              Map.of("match", "https://screening.example", "claims", List.of("name", "entity_type", "address.locality", "kyc.level", "tn")),
              Map.of("match", "sip:*.carrier.example", "claims", List.of("name", "business_ids", "tn")))));
      assertThat(put.status()).as(put.raw().body()).isEqualTo(200);

      Map<String, Object> screening = presentAndVerify(acme, token, "https://screening.example",
          List.of("name", "entity_type", "address.locality", "kyc.level", "tn=+12025550250"));
      assertThat(screening).containsEntry("entity_type", "organization").containsEntry("address", Map.of("locality", "Washington"))
          .containsEntry("kyc", Map.of("level", "high")).doesNotContainKey("business_ids");
      // The pool's rotation (per audience, for an organisation) gives the second audience another token of the pool.
      Api.Reply shown = acme.post("/v1/tokens/" + token + "/presentations",
          Map.of("disclose", List.of("name"), "aud", "sip:verify.big.carrier.example", "nonce", "n"));
      assertThat(shown.status()).isEqualTo(409);
      assertThat(shown.error()).isEqualTo("holder.token_shown");
      String second = h.importToken(acme, HolderHarness.newKey(acme), ENTERPRISE);
      assertThat(acme.get("/v1/tokens/" + second).body()).containsEntry("pool_id", acme.get("/v1/tokens/" + token).body().get("pool_id"));
      Map<String, Object> carrier = presentAndVerify(acme, second, "sip:verify.big.carrier.example", List.of("name", "business_ids", "tn=+12025550100"));
      assertThat(carrier).containsEntry("business_ids", Map.of("ein", "12-3456789")).doesNotContainKeys("address", "kyc", "entity_type");

      // Outside the policy: refused, and nothing is signed.
      Api.Reply refused = acme.post("/v1/tokens/" + token + "/presentations",
          Map.of("disclose", List.of("name", "address"), "aud", "sip:verify.big.carrier.example", "nonce", "n"));
      assertThat(refused.status()).isEqualTo(403);
      assertThat(refused.error()).isEqualTo("holder.disclosure_refused");
      assertThat(refused.body()).doesNotContainKey("presentation");
      Api.Reply wholeList = acme.post("/v1/tokens/" + token + "/presentations",
          Map.of("disclose", List.of("tn"), "aud", "https://screening.example", "nonce", "n"));
      assertThat(wholeList.error()).isEqualTo("holder.disclosure_refused");
    }
  }

  private static Map<String, Object> presentAndVerify(Api tenant, String token, String aud, List<String> disclose) throws Exception {
    Api.Reply r = tenant.post("/v1/tokens/" + token + "/presentations", Map.of("disclose", disclose, "aud", aud, "nonce", "nonce-" + aud.length()));
    assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
    VerificationPolicy policy = VerificationPolicy.builder(TrustedKeys.of(Fixtures.issuerKey().publicJwk()))
        .expectAudience(aud).expectNonce("nonce-" + aud.length()).build();
    return PresentationVerifier.create().verify(r.string("presentation"), policy).claims();
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgres"})
  void platformPresentsUnderAGrantUntilTheGrantIsRevoked(String store) throws Exception {
    try (HolderHarness h = new HolderHarness(store, dir)) {
      Api client = h.tenant("Client business");
      Api platform = h.tenant("Contact-centre platform");
      String token = h.importToken(client, HolderHarness.newKey(client), ENTERPRISE);
      String platformId = platform.tenantId();
      long grantEnds = Instant.now().getEpochSecond() + 3600;
      Api.Reply grant = client.post("/v1/grants", Map.of("grantee_tenant", platformId, "token_id", token,
          "numbers", List.of("+12025550210"), "claims", List.of("name", "tn"), "expires_at", grantEnds));
      assertThat(grant.status()).as(grant.raw().body()).isEqualTo(201);

      long iat = Instant.now().getEpochSecond();
      Api.Reply noName = platform.post("/v1/presentations/call", call("+12025550210", "+14155550123", iat));
      assertThat(noName.status()).as("a delegated call carries the agent's own verified name").isEqualTo(404);
      assertThat(noName.error()).isEqualTo("holder.no_agent_token");
      h.importToken(platform, HolderHarness.newKey(platform), CONTACT_CENTRE);

      Api.Reply r = platform.post("/v1/presentations/call", call("+12025550210", "+14155550123", iat));
      assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
      assertThat(r.string("grant_id")).isEqualTo(grant.string("id"));
      @SuppressWarnings("unchecked")
      Map<String, Object> proof = (Map<String, Object>) r.body().get("delegation");
      CallBinding bound = binding("12025550210", "14155550123", iat);
      VerifiedPresentation delegated = PresentationVerifier.create().verify(r.string("presentation"), null,
          new DelegationProof((String) proof.get("assertion"), (String) proof.get("agent"), null), callPolicy(bound, "12025550210"));
      Map<String, Object> claims = delegated.claims();
      assertThat(claims).containsEntry("name", "Acme Widgets Inc.");
      assertThat(claims.get("tn")).isEqualTo(List.of(Map.of("start", "12025550200", "count", 100L)));
      assertThat(delegated.delegate().orElseThrow().name()).isEqualTo("Dial Partners");
      assertThat(delegated.delegate().orElseThrow().expiresAt()).isEqualTo(grantEnds);

      // A number of the token the grant does not cover: refused.
      Api.Reply uncovered = platform.post("/v1/presentations/call", call("+12025550211", "+14155550123", iat));
      assertThat(uncovered.error()).as(uncovered.raw().body())
          .isEqualTo("holder.no_token_for_number");
      // The platform never reads the token.
      assertThat(platform.get("/v1/tokens/" + token).status()).isEqualTo(404);

      assertThat(client.delete("/v1/grants/" + grant.string("id")).status()).isEqualTo(204);
      long next = iat + 1;
      Api.Reply after = platform.post("/v1/presentations/call", call("+12025550210", "+14155550123", next));
      assertThat(after.status()).isEqualTo(404);
      assertThat(after.error()).isEqualTo("holder.no_token_for_number");
      // What the platform kept from the last call does not pass for the next one either.
      Verification replayed = PresentationVerifier.create().check(r.string("presentation"), null,
          new DelegationProof((String) proof.get("assertion"), (String) proof.get("agent"), null),
          callPolicy(binding("12025550210", "14155550123", next), "12025550210"));
      assertThat(replayed.failure()).isPresent();

      // Both sides see the presentation in their audit, without disclosed values; the platform also its own name's.
      Api.Reply audit = client.get("/v1/audit");
      assertThat(audit.list("entries")).hasSize(1);
      assertThat(audit.list("entries").get(0)).containsEntry("grant_id", grant.string("id")).containsEntry("claim_paths", List.of("name", "tn"));
      assertThat(audit.raw().body()).doesNotContain("12025550210").doesNotContain("Acme");
      assertThat(platform.get("/v1/audit").list("entries")).hasSize(2);
    }
  }
}
