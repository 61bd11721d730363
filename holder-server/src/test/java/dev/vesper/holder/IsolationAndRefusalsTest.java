package dev.vesper.holder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vesper.core.crypto.PublicJwk;
import dev.vesper.core.crypto.SigningKey;
import dev.vesper.core.json.Json;
import dev.vesper.core.sdjwt.Randomness;
import dev.vesper.core.testing.Fixtures;
import dev.vesper.core.token.IdentityAttributes;
import dev.vesper.core.token.TokenIssuer;
import dev.vesper.server.testing.Api;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

/** Tenant isolation, import refusals and the error surface, each with its stable error id; on both stores. */
@ParameterizedClass
@ValueSource(strings = {"sqlite", "postgres"})
class IsolationAndRefusalsTest {
  @Parameter String store;
  @TempDir Path dir;
  HolderHarness h;
  Api a;
  Api b;
  String tokenOfA;

  @BeforeEach
  void setUp() throws Exception {
    h = new HolderHarness(store, dir);
    a = h.tenant("A");
    b = h.tenant("B");
    tokenOfA = h.importToken(a, HolderHarness.newKey(a), JourneysTest.ENTERPRISE);
  }

  @AfterEach
  void tearDown() {
    h.close();
  }

  @Test
  void tenantBCannotReadATokenOfA() {
    assertThat(b.get("/v1/tokens/" + tokenOfA).error()).isEqualTo("request.not_found");
  }

  @Test
  void tenantBCannotReadThePolicyOfATokenOfA() {
    assertThat(b.get("/v1/tokens/" + tokenOfA + "/policy").error()).isEqualTo("request.not_found");
  }

  @Test
  void tenantBCannotSetThePolicyOfATokenOfA() {
    assertThat(b.put("/v1/tokens/" + tokenOfA + "/policy", Map.of("default", List.of("name"))).error()).isEqualTo("request.not_found");
    assertThat(a.get("/v1/tokens/" + tokenOfA).status()).isEqualTo(200);
  }

  @Test
  void tenantBCannotPresentATokenOfA() {
    assertThat(b.post("/v1/tokens/" + tokenOfA + "/presentations", Map.of("disclose", List.of("name"), "aud", "x", "nonce", "n")).error())
        .isEqualTo("request.not_found");
  }

  @Test
  void tenantBCannotDeleteATokenOfA() {
    assertThat(b.delete("/v1/tokens/" + tokenOfA).error()).isEqualTo("request.not_found");
    // A's token is untouched.
    assertThat(a.get("/v1/tokens/" + tokenOfA).status()).isEqualTo(200);
  }

  @Test
  void tenantBCannotGrantATokenOfA() {
    assertThat(b.post("/v1/grants", Map.of("grantee_tenant", b.tenantId(), "token_id", tokenOfA, "numbers", List.of("+12025550100"),
        "claims", List.of("name"), "expires_at", Instant.now().getEpochSecond() + 60)).error()).isEqualTo("request.not_found");
  }

  @Test
  void tenantBListsNeitherTokensNorKeysOfA() {
    assertThat(b.get("/v1/tokens").list("tokens")).isEmpty();
    assertThat(b.get("/v1/keys").list("keys")).isEmpty();
  }

  @Test
  void tenantBCannotPresentACallFromANumberOfA() {
    assertThat(b.post("/v1/presentations/call", Map.of("orig", "+12025550100", "dest", List.of("+13035550100"),
        "iat", Instant.now().getEpochSecond())).error()).isEqualTo("holder.no_token_for_number");
  }

  @Test
  void importOfATokenBoundToAnotherTenantsKeyIsRefused() throws Exception {
    PublicJwk keyOfA = HolderHarness.newKey(a);
    String token = h.issuer.issue(IdentityAttributes.fromInput(Json.parseObject(JourneysTest.CONSUMER)), keyOfA, Duration.ofDays(1));
    Api.Reply r = b.post("/v1/tokens", Map.of("token", token));
    assertThat(r.status()).isEqualTo(422);
    assertThat(r.error()).isEqualTo("holder.key_not_owned");
  }

  @Test
  void importOfATokenSignedByAnUntrustedKeyIsRefused() throws Exception {
    PublicJwk key = HolderHarness.newKey(b);
    SigningKey rogueKey = SigningKey.generate(new SecureRandom(), "test-key-1");
    TokenIssuer rogue = TokenIssuer.create(rogueKey, "https://issuer.example", Clock.systemUTC(), Randomness.secure());
    String forged = rogue.issue(IdentityAttributes.fromInput(Json.parseObject(JourneysTest.CONSUMER)), key, Duration.ofDays(1));
    assertThat(b.post("/v1/tokens", Map.of("token", forged)).error()).isEqualTo("issuer_signature.invalid");
  }

  @Test
  void importOfATokenClaimingAnotherIssuerIsRefused() throws Exception {
    PublicJwk key = HolderHarness.newKey(b);
    // The trusted issuer's own key, but the token claims to come from someone else (issue 12 §1).
    TokenIssuer impostor = TokenIssuer.create(Fixtures.issuerKey(), "https://rogue.example", Clock.systemUTC(),
        Randomness.secure());
    String claimed = impostor.issue(IdentityAttributes.fromInput(Json.parseObject(JourneysTest.CONSUMER)), key, Duration.ofDays(1));
    Api.Reply mismatch = b.post("/v1/tokens", Map.of("token", claimed));
    assertThat(mismatch.status()).isEqualTo(422);
    assertThat(mismatch.error()).isEqualTo("issuer_signature.issuer_mismatch");
  }

  @Test
  void importOfSomethingThatIsNoSdJwtIsRefused() {
    assertThat(b.post("/v1/tokens", Map.of("token", "not-an-sd-jwt")).error()).isEqualTo("parse.malformed");
  }

  @Test
  void importOfAnExpiredTokenIsRefused() throws Exception {
    PublicJwk key = HolderHarness.newKey(b);
    String expired = h.issuer.issue(IdentityAttributes.fromInput(Json.parseObject(JourneysTest.CONSUMER)), key,
        Instant.now().minusSeconds(7200), Instant.now().minusSeconds(3600));
    assertThat(b.post("/v1/tokens", Map.of("token", expired)).error()).isEqualTo("validity.expired");
  }

  @Test
  void noKeyIsAProblemDocumentWithAStableId() {
    Api.Reply noKey = a.as(null).get("/v1/tokens");
    assertThat(noKey.status()).isEqualTo(401);
    assertThat(noKey.raw().headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    assertThat(noKey.error()).isEqualTo("auth.unauthenticated");
    assertNoInternals(noKey);
  }

  @Test
  void anUnknownKeyIsUnauthenticated() {
    assertThat(a.as("vsk_wrong").get("/v1/tokens").error()).isEqualTo("auth.unauthenticated");
  }

  @Test
  void aTenantKeyOnAnOperatorRouteIsForbidden() {
    assertThat(a.post("/v1/tenants", Map.of("name", "x")).error()).isEqualTo("auth.forbidden");
  }

  @Test
  void truncatedJsonIsABadBody() {
    assertThat(a.post("/v1/tokens", "{\"token\":").error()).isEqualTo("request.bad_body");
  }

  @Test
  void anUnknownMemberIsABadBody() {
    assertThat(a.post("/v1/tokens", Map.of("token", "x", "extra", 1)).error()).isEqualTo("request.bad_body");
  }

  @Test
  void anOversizedBodyIsRefusedWith413() {
    assertThat(a.post("/v1/tokens", Map.of("token", "x".repeat(600_000))).status()).isEqualTo(413);
  }

  @Test
  void aPolicyNamingAnUnknownClaimIsABadBody() {
    Api.Reply badPolicy = a.put("/v1/tokens/" + tokenOfA + "/policy", Map.of("default", List.of("email")));
    assertThat(badPolicy.error()).isEqualTo("request.bad_body");
    assertNoInternals(badPolicy);
  }

  @Test
  void aGrantForANumberOutsideTheTokenIsRefused() {
    Api.Reply badGrant = a.post("/v1/grants", Map.of("grantee_tenant", b.tenantId(), "token_id", tokenOfA,
        "numbers", List.of("+19995550100"), "claims", List.of("name"), "expires_at", Instant.now().getEpochSecond() + 60));
    assertThat(badGrant.error()).isEqualTo("holder.bad_grant");
    assertNoInternals(badGrant);
  }

  @Test
  void aCallFarFromNowIsABadBody() {
    Api.Reply staleCall = a.post("/v1/presentations/call", Map.of("orig", "+12025550100", "dest", List.of("+13035550100"), "iat", 1));
    assertThat(staleCall.error()).isEqualTo("request.bad_body");
    assertNoInternals(staleCall);
  }

  @Test
  void anUnknownPathIs404() {
    assertThat(a.get("/v1/nowhere").status()).isEqualTo(404);
  }

  private static void assertNoInternals(Api.Reply r) {
    assertThat(r.raw().body()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("java.");
  }

  @Test
  void aBodyOtherThanJsonIsRefusedWith415() {
    Api.Reply text = a.postAs("/v1/tokens", "text/plain", "token=x");
    assertThat(text.status()).isEqualTo(415);
    assertThat(text.error()).isEqualTo("request.unsupported_media_type");
  }

  @Test
  void aBodyWithoutContentTypeFromAnUnknownKeyIsUnauthenticatedFirst() throws Exception {
    var request = HttpRequest.newBuilder(URI.create(h.base + "/v1/keys"))
        .header("Authorization", "Bearer " + "vsk_x").POST(BodyPublishers.ofString("{}")).build();
    var response = HttpClient.newHttpClient().send(request, BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(401);
  }

  @Test
  void aJsonBodyThatIsNotJsonIsABadBody() {
    Api.Reply text = a.post("/v1/tokens", "token=x");
    assertThat(text.status()).isEqualTo(400);
  }

  @Test
  void operationsEndpoints() {
    Api anon = a.as(null);
    assertThat(anon.get("/health/live").status()).isEqualTo(200);
    assertThat(anon.get("/health/ready").body()).containsEntry("status", "ready");
    a.post("/v1/tokens/" + tokenOfA + "/presentations", Map.of("disclose", List.of("name"), "aud", "https://x", "nonce", "n"));
    assertThat(anon.get("/metrics").status()).isEqualTo(401);
    Api.Reply metrics = h.admin.get("/metrics");
    assertThat(metrics.status()).isEqualTo(200);
    String text = metrics.raw().body();
    assertThat(text).contains("http_server_requests").contains("route=\"/v1/tokens/{id}/presentations\"")
        .contains("holder_presentations_total{outcome=\"signed\"}");
    assertThat(text).doesNotContain(tokenOfA).doesNotContain(a.tenantId()).doesNotContain("12025550100");
    assertThat(a.get("/v1/tokens").raw().headers().firstValue("X-Request-Id")).isPresent();
  }
}
