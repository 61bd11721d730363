package dev.vesper.verifier.oid4vp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vesper.core.crypto.SigningKey;
import dev.vesper.core.crypto.TrustedKeys;
import dev.vesper.core.jose.CompactJws;
import dev.vesper.core.json.Json;
import dev.vesper.core.sdjwt.Disclosure;
import dev.vesper.core.sdjwt.HolderToken;
import dev.vesper.core.sdjwt.KeyBindingRequest;
import dev.vesper.core.sdjwt.Limits;
import dev.vesper.core.testing.Fixtures;
import dev.vesper.core.testing.MutableClock;
import dev.vesper.core.token.ClaimSelector;
import dev.vesper.core.token.TokenIssuer;
import dev.vesper.server.testing.Api;
import dev.vesper.verifier.http.VerifierConfig;
import dev.vesper.verifier.http.VerifierServer;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The verifier's OpenID4VP 1.0 face over HTTP: DCQL requests by value ({@code redirect_uri:}), the
 * direct_post response endpoint settling each request once, status polling, and the refusals: wrong
 * audience or nonce, state mismatch, expired or answered requests, claims the query asked for but the
 * wallet did not disclose, and queries no VESPER holder can answer.
 */
class Oid4vpVerifierTest {
  static final String VCT = "https://vesper.dev/vct/identity/v1";
  private final MutableClock clock = new MutableClock(Fixtures.NOW);
  private VerifierServer server;
  private Api api;
  private String token;

  @BeforeEach
  void start() throws Exception {
    server = VerifierServer.start(new VerifierConfig("127.0.0.1", 0, TrustedKeys.of(Fixtures.issuerKey().publicJwk()), null, clock));
    api = new Api("http://127.0.0.1:" + server.port(), null);
    token = TokenIssuer.create(Fixtures.issuerKey(), "https://issuer.example", clock, Fixtures.randomness(7))
        .issue(Fixtures.enterprise(), Fixtures.holderKey().publicJwk(), Duration.ofDays(30));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  static Map<String, Object> query(String... claimPaths) {
    List<Object> claims = new ArrayList<>();
    for (String p : claimPaths) {
      claims.add(Map.of("path", List.of((Object[]) p.split("\\."))));
    }
    claims.add(Map.of("path", Arrays.asList("tn", null), "values", List.of("12025550250")));
    return Map.of("credentials", List.of(Map.of("id", "vesper", "format", "dc+sd-jwt", "meta", Map.of("vct_values", List.of(VCT)), "claims", claims)));
  }

  /** The request's parameters, from its by-value openid4vp:// URL. */
  static Map<String, String> params(String request) {
    assertThat(request).startsWith("openid4vp://?");
    Map<String, String> out = new LinkedHashMap<>();
    for (String pair : URI.create(request).getRawQuery().split("&")) {
      int eq = pair.indexOf('=');
      out.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return out;
  }

  String present(SigningKey holder, String aud, String nonce, String... disclose) throws Exception {
    HolderToken t = HolderToken.fromTrustedStore(token, Limits.DEFAULT);
    Set<Disclosure> chosen = new LinkedHashSet<>();
    for (String d : disclose) {
      chosen.addAll(ClaimSelector.parse(d).select(t));
    }
    return t.present(chosen, holder, new KeyBindingRequest(aud, nonce, clock.instant().getEpochSecond()));
  }

  Api.Reply respond(Map<String, String> p, String... form) {
    return api.postForm(URI.create(p.get("response_uri")).getPath(), form);
  }

  @SuppressWarnings("unchecked")
  @Test
  void aWalletsAnswerIsVerifiedAndReportsExactlyTheAskedClaims() throws Exception {
    Api.Reply created = api.post("/v1/presentation-requests", Map.of("dcql_query", query("name", "address.locality")));
    assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
    Map<String, String> p = params(created.string("request"));
    assertThat(p).containsEntry("response_type", "vp_token").containsEntry("response_mode", "direct_post")
        .containsEntry("client_id", "redirect_uri:" + p.get("response_uri")).containsKeys("nonce", "state", "dcql_query", "client_metadata");
    assertThat(created.string("client_id")).isEqualTo(p.get("client_id"));
    String id = created.string("id");
    assertThat(api.get("/v1/presentation-requests/" + id).string("status")).isEqualTo("pending");

    String vp = present(Fixtures.holderKey(), p.get("client_id"), p.get("nonce"), "name", "address.locality", "tn=+12025550250");
    Api.Reply answered = respond(p, "vp_token", Json.write(Map.of("vesper", List.of(vp))), "state", p.get("state"));
    assertThat(answered.status()).as(answered.raw().body()).isEqualTo(200);
    Map<String, Object> status = api.get("/v1/presentation-requests/" + id).body();
    assertThat(status).containsEntry("status", "verified");
    Map<String, Object> credential = ((List<Map<String, Object>>) ((Map<String, Object>) ((Map<String, Object>) status.get("result"))
        .get("credentials")).get("vesper")).get(0);
    assertThat(credential.get("claims")).isEqualTo(Map.of("name", "Acme Widgets Inc.", "address", Map.of("locality", "Washington"),
        "tn", List.of(Map.of("start", "12025550200", "count", 100L))));
    assertThat(credential).containsEntry("issuer", "https://issuer.example");

    Api.Reply again = respond(p, "vp_token", Json.write(Map.of("vesper", List.of(vp))), "state", p.get("state"));
    assertThat(again.status()).isEqualTo(400);
    assertThat(again.error()).isEqualTo("invalid_request");
    assertThat(again.body()).containsEntry("vesper_error", "oid4vc.request_expired");
  }

  @Test
  void aPresentationForAnotherAudienceOrNonceFailsTheRequest() throws Exception {
    Map<String, String> p = params(api.post("/v1/presentation-requests", Map.of("dcql_query", query("name"))).string("request"));
    String wrongAud = present(Fixtures.holderKey(), "redirect_uri:https://elsewhere.example/cb", p.get("nonce"), "name", "tn=+12025550250");
    Api.Reply r = respond(p, "vp_token", Json.write(Map.of("vesper", List.of(wrongAud))), "state", p.get("state"));
    assertThat(r.status()).as("a failed verification keeps its status (docs/openid4vc.md)").isEqualTo(422);
    assertThat(r.error()).isEqualTo("invalid_request");
    assertThat(r.body()).containsEntry("vesper_error", "key_binding.aud_mismatch");
    String id = URI.create(p.get("response_uri")).getPath().replace("/oid4vp/responses/", "");
    assertThat(api.get("/v1/presentation-requests/" + id).body()).containsEntry("status", "failed").containsEntry("error", "key_binding.aud_mismatch");

    Map<String, String> q = params(api.post("/v1/presentation-requests", Map.of("dcql_query", query("name"))).string("request"));
    String wrongNonce = present(Fixtures.holderKey(), q.get("client_id"), p.get("nonce"), "name", "tn=+12025550250");
    assertThat(respond(q, "vp_token", Json.write(Map.of("vesper", List.of(wrongNonce))), "state", q.get("state")).body())
        .containsEntry("vesper_error", "key_binding.nonce_mismatch");
  }

  @Test
  void aStateMismatchOrAMalformedResponseLeavesTheRequestPending() throws Exception {
    Api.Reply created = api.post("/v1/presentation-requests", Map.of("dcql_query", query("name")));
    Map<String, String> p = params(created.string("request"));
    String vp = present(Fixtures.holderKey(), p.get("client_id"), p.get("nonce"), "name", "tn=+12025550250");
    Api.Reply wrongState = respond(p, "vp_token", Json.write(Map.of("vesper", List.of(vp))), "state", "forged");
    assertThat(wrongState.status()).isEqualTo(400);
    assertThat(wrongState.body()).containsEntry("error", "invalid_request").containsEntry("vesper_error", "oid4vc.state_mismatch");
    assertThat(respond(p, "vp_token", "not json", "state", p.get("state")).body()).containsEntry("vesper_error", "oid4vc.invalid_request");
    assertThat(respond(p, "state", p.get("state")).body()).containsEntry("vesper_error", "oid4vc.invalid_request");
    assertThat(respond(p, "vp_token", "{}", "state", p.get("state"), "state", p.get("state")).body()).containsEntry("vesper_error", "oid4vc.invalid_request");
    assertThat(api.postAs(URI.create(p.get("response_uri")).getPath(), "application/json", "{}").error()).isEqualTo("invalid_request");
    assertThat(api.get("/v1/presentation-requests/" + created.string("id")).string("status")).isEqualTo("pending");
    assertThat(respond(p, "vp_token", Json.write(Map.of("vesper", vp)), "state", p.get("state")).status()).as("a bare string is tolerated").isEqualTo(200);
  }

  @Test
  void anUndisclosedAskedClaimFailsAndAnExpiredRequestTakesNoAnswer() throws Exception {
    Map<String, String> p = params(api.post("/v1/presentation-requests", Map.of("dcql_query", query("name", "address.locality"))).string("request"));
    String withoutLocality = present(Fixtures.holderKey(), p.get("client_id"), p.get("nonce"), "name", "tn=+12025550250");
    assertThat(respond(p, "vp_token", Json.write(Map.of("vesper", List.of(withoutLocality))), "state", p.get("state")).body())
        .containsEntry("vesper_error", "dcql.not_satisfied");

    Api.Reply created = api.post("/v1/presentation-requests", Map.of("dcql_query", query("name")));
    Map<String, String> q = params(created.string("request"));
    String vp = present(Fixtures.holderKey(), q.get("client_id"), q.get("nonce"), "name", "tn=+12025550250");
    clock.advance(Oid4vpClient.DEFAULT_LIFETIME);
    Api.Reply late = respond(q, "vp_token", Json.write(Map.of("vesper", List.of(vp))), "state", q.get("state"));
    assertThat(late.body()).containsEntry("error", "invalid_request").containsEntry("vesper_error", "oid4vc.request_expired");
    assertThat(api.get("/v1/presentation-requests/" + created.string("id")).body()).containsEntry("status", "failed")
        .containsEntry("error", "oid4vc.request_expired");
  }

  @Test
  void aWalletErrorResponseFailsTheRequest() throws Exception {
    Api.Reply created = api.post("/v1/presentation-requests", Map.of("dcql_query", query("name")));
    Map<String, String> p = params(created.string("request"));
    assertThat(respond(p, "error", "access_denied", "error_description", "the user declined", "state", p.get("state")).status()).isEqualTo(200);
    assertThat(api.get("/v1/presentation-requests/" + created.string("id")).body()).containsEntry("status", "failed")
        .containsEntry("error", "wallet.access_denied");
  }

  @Test
  void queriesNoVesperHolderCanAnswerAreRefused() {
    for (Object bad : List.of(
        Map.of("credentials", List.of(Map.of("id", "x", "format", "mso_mdoc", "meta", Map.of()))),
        Map.of("credentials", List.of(Map.of("id", "x", "format", "dc+sd-jwt", "meta", Map.of("vct_values", List.of(VCT)),
            "claims", List.of(Map.of("path", List.of("tn")))))),
        Map.of("credentials", List.of(Map.of("id", "x", "format", "dc+sd-jwt", "meta", Map.of("vct_values", List.of(VCT)),
            "claims", List.of(Map.of("path", List.of("salary")))))),
        "not an object", Map.of())) {
      Api.Reply r = api.post("/v1/presentation-requests", Map.of("dcql_query", bad));
      assertThat(r.status()).as(String.valueOf(bad)).isEqualTo(400);
      assertThat(r.error()).isEqualTo("dcql.invalid_query");
    }
    assertThat(api.post("/v1/presentation-requests", Map.of()).error()).isEqualTo("request.bad_body");
    assertThat(api.get("/v1/presentation-requests/pr_nope").status()).isEqualTo(404);
    assertThat(api.get("/oid4vp/requests/pr_nope").error()).isEqualTo("invalid_request");
  }
}
