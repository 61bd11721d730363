package dev.vesper.verifier.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vesper.core.crypto.TrustedKeys;
import dev.vesper.core.json.Json;
import dev.vesper.core.testing.Fixtures;
import dev.vesper.verifier.ForgeAccess;
import dev.vesper.verifier.ReloadableIssuerTrust;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** POST /v1/presentations/verify against a running verifier service, and its OpenAPI document. */
class VerifierApiTest {
  private final HttpClient http = HttpClient.newHttpClient();
  private VerifierServer server;
  private String base;

  @BeforeEach
  void start() {
    server = VerifierServer.start(new VerifierConfig("127.0.0.1", 0, TrustedKeys.of(Fixtures.issuerKey().publicJwk()), null, Fixtures.clock()));
    base = "http://127.0.0.1:" + server.port();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> post(Object body) throws Exception {
    String json = body instanceof String s ? s : Json.write(body);
    return http.send(HttpRequest.newBuilder(URI.create(base + "/v1/presentations/verify")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Issue 15 §6: a trust reload reaches the REST verifier too, for every verification that starts after it. */
  @Test
  void aReloadedIssuerTrustAppliesToTheNextPresentation() throws Exception {
    ReloadableIssuerTrust trust = new ReloadableIssuerTrust(TrustedKeys.of(Fixtures.holderKey().publicJwk()));
    try (VerifierServer reloading = VerifierServer.start(new VerifierConfig("127.0.0.1", 0, trust, null, Fixtures.clock()))) {
      String body = Json.write(Map.of("presentation", ForgeAccess.withStatusIndex7(), "aud", ForgeAccess.AUD, "nonce", ForgeAccess.NONCE));
      HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + reloading.port() + "/v1/presentations/verify"))
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
      assertThat(Json.parseObject(http.send(request, HttpResponse.BodyHandlers.ofString()).body()))
          .containsEntry("valid", false).containsEntry("error", "issuer_signature.unknown_key");
      trust.replace(TrustedKeys.of(Fixtures.issuerKey().publicJwk()));
      assertThat(Json.parseObject(http.send(request, HttpResponse.BodyHandlers.ofString()).body())).containsEntry("valid", true);
      trust.replace(TrustedKeys.of(Fixtures.holderKey().publicJwk()));
      assertThat(Json.parseObject(http.send(request, HttpResponse.BodyHandlers.ofString()).body()))
          .as("a key dropped by a reload no longer verifies, even for a token verified before (no cached verdict)")
          .containsEntry("valid", false);
    }
  }

  @Test
  void aServiceThatChecksStatusRefusesARevokedToken() throws Exception {
    try (VerifierServer checking = VerifierServer.start(new VerifierConfig("127.0.0.1", 0, TrustedKeys.of(Fixtures.issuerKey().publicJwk()),
        null, Fixtures.clock(), ForgeAccess.statusLists(Map.of("set", Map.of("7", 1L)))))) {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + checking.port() + "/v1/presentations/verify"))
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(Json.write(Map.of(
              "presentation", ForgeAccess.withStatusIndex7(), "aud", ForgeAccess.AUD, "nonce", ForgeAccess.NONCE)))).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      assertThat(Json.parseObject(r.body())).containsEntry("valid", false).containsEntry("error", "status.revoked");
      assertThat(r.body()).contains("{\"check\":\"status\",\"outcome\":\"failed\",\"error\":\"status.revoked\"}");
    }
    HttpResponse<String> unchecked = post(Map.of("presentation", ForgeAccess.withStatusIndex7(), "aud", ForgeAccess.AUD, "nonce", ForgeAccess.NONCE));
    assertThat(unchecked.body()).contains("\"valid\":true").contains("{\"check\":\"status\",\"outcome\":\"not_required\"}");
  }

  @Test
  void aValidPresentationGetsItsClaimsAndEveryCheck() throws Exception {
    HttpResponse<String> r = post(Map.of("presentation", ForgeAccess.valid(), "aud", ForgeAccess.AUD, "nonce", ForgeAccess.NONCE,
        "require", List.of("name", "tn=12025550100")));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    Map<String, Object> verdict = Json.parseObject(r.body());
    assertThat(verdict).containsEntry("valid", true);
    assertThat((Map<String, Object>) verdict.get("claims")).containsEntry("name", "Acme Widgets Inc.");
    assertThat(r.body()).contains("{\"check\":\"required_claims\",\"outcome\":\"passed\"}")
        .contains("{\"check\":\"issuance_receipt\",\"outcome\":\"not_required\"}");
  }

  @SuppressWarnings("unchecked")
  @Test
  void aDelegatedCallNamesTheAgentBesideTheClientsClaims() throws Exception {
    List<String> call = ForgeAccess.delegatedCall(Map.of());
    Map<String, Object> delegation = Map.of("assertion", call.get(1), "agent", call.get(2));
    HttpResponse<String> r = post(Map.of("presentation", call.get(0), "aud", ForgeAccess.DELEGATED_AUD, "nonce", ForgeAccess.DELEGATED_NONCE,
        "delegation", delegation));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    Map<String, Object> verdict = Json.parseObject(r.body());
    assertThat(verdict).containsEntry("valid", true);
    assertThat((Map<String, Object>) verdict.get("claims")).containsEntry("name", "Acme Widgets Inc.");
    assertThat((Map<String, Object>) verdict.get("delegate")).containsEntry("name", "Dial Partners")
        .containsEntry("expires_at", Fixtures.NOW.getEpochSecond() + 3600);

    List<String> expired = ForgeAccess.delegatedCall(Map.of("claims", Map.of("exp", Fixtures.NOW.getEpochSecond() - 600)));
    HttpResponse<String> refused = post(Map.of("presentation", expired.get(0), "aud", ForgeAccess.DELEGATED_AUD, "nonce",
        ForgeAccess.DELEGATED_NONCE, "delegation", Map.of("assertion", expired.get(1), "agent", expired.get(2))));
    assertThat(Json.parseObject(refused.body())).containsEntry("valid", false).containsEntry("error", "delegation.expired")
        .doesNotContainKey("delegate");
    for (Object bad : List.of(Map.of("assertion", call.get(1)), Map.of("assertion", 1, "agent", call.get(2)),
        Map.of("assertion", call.get(1), "agent", call.get(2), "extra", "x"), "not an object")) {
      HttpResponse<String> malformed = post(Map.of("presentation", call.get(0), "aud", ForgeAccess.DELEGATED_AUD, "nonce",
          ForgeAccess.DELEGATED_NONCE, "delegation", bad));
      assertThat(malformed.statusCode()).as(String.valueOf(bad)).isEqualTo(400);
    }
  }

  @Test
  void anInvalidPresentationIsAVerdictNotAnHttpError() throws Exception {
    HttpResponse<String> r = post(Map.of("presentation", ForgeAccess.valid(), "aud", ForgeAccess.AUD, "nonce", "another"));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(Json.parseObject(r.body())).containsEntry("valid", false).containsEntry("error", "key_binding.nonce_mismatch")
        .doesNotContainKey("claims");
    assertThat(r.body()).contains("{\"check\":\"key_binding\",\"outcome\":\"failed\",\"error\":\"key_binding.nonce_mismatch\"}");
    HttpResponse<String> missing = post(Map.of("presentation", ForgeAccess.valid(), "aud", ForgeAccess.AUD, "nonce", ForgeAccess.NONCE,
        "require", List.of("address")));
    assertThat(Json.parseObject(missing.body())).containsEntry("error", "policy.required_claim_missing");
    assertThat(Json.parseObject(post(Map.of("presentation", "x~", "aud", "a", "nonce", "n")).body())).containsEntry("valid", false);
  }

  @Test
  void malformedRequestsAreRefusedWithStableCodes() throws Exception {
    assertProblem(post(Map.of("presentation", ForgeAccess.valid(), "aud", ForgeAccess.AUD)), 400);
    assertProblem(post(Map.of("presentation", "x", "aud", "a", "nonce", "n", "extra", 1)), 400);
    assertProblem(post(Map.of("presentation", "x", "aud", "a", "nonce", "n", "require", List.of("no such path!"))), 400);
    assertProblem(post("{not json"), 400);
    HttpResponse<String> text = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/presentations/verify"))
        .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(text.statusCode()).isEqualTo(415);
  }

  @Test
  @SuppressWarnings("unchecked")
  void theOpenApiDocumentListsExactlyTheRoutes() throws Exception {
    Map<String, Object> doc = Json.parseObject(http.send(HttpRequest.newBuilder(URI.create(base + "/openapi.json")).build(),
        HttpResponse.BodyHandlers.ofString()).body());
    Set<String> documented = new HashSet<>();
    ((Map<String, Object>) doc.get("paths")).forEach((path, ops) ->
        ((Map<String, Object>) ops).keySet().forEach(m -> documented.add(m.toUpperCase() + " " + path)));
    Set<String> registered = new HashSet<>(Set.of("GET /health/live", "GET /health/ready", "GET /metrics", "GET /openapi.json"));
    Matcher m = Pattern.compile("r\\.(get|post|put|delete)\\(\"([^\"]+)\"")
        .matcher(Files.readString(Path.of("src/main/java/dev/vesper/verifier/http/VerifyRoutes.java"))
            + Files.readString(Path.of("src/main/java/dev/vesper/verifier/http/StirRoutes.java"))
            + Files.readString(Path.of("src/main/java/dev/vesper/verifier/http/Oid4vpRoutes.java")));
    while (m.find()) {
      registered.add(m.group(1).toUpperCase() + " " + m.group(2));
    }
    assertThat(documented).isEqualTo(registered);
  }

  private static void assertProblem(HttpResponse<String> r, int status) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
    assertThat(Json.parseObject(r.body()).get("error")).isNotNull();
  }
}
