package dev.vesper.issuer;

import static dev.vesper.issuer.IssuerHarness.expect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vesper.core.json.Json;
import dev.vesper.core.testing.Fixtures;
import dev.vesper.server.testing.Api;
import dev.vesper.server.testing.BadValues;
import dev.vesper.server.testing.BadValues.Route;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 §6: every route of the issuer, OpenID4VCI included, walked with the bad-value list
 * ({@link BadValues}). Never a 5xx.
 */
class BadValuesTest {
  static final String GRANT = "urn:ietf:params:oauth:grant-type:pre-authorized_code";

  @TempDir Path dir;

  @Test
  @SuppressWarnings("unchecked")
  void noRouteAnswersAServerErrorToABadValue() throws Exception {
    try (IssuerHarness h = new IssuerHarness("sqlite", dir)) {
      Api acme = h.register(IssuerHarness.ACME);
      h.vet(acme);
      String id = acme.tenantId();
      String token = (String) expect(acme.post("/v1/entities/" + id + "/tokens",
          Map.of("proofs", List.of(h.proof(IssuerHarness.newHolderKey(), h.nonce(acme))))), 201).list("tokens").get(0).get("id");
      Map<String, Object> offer = (Map<String, Object>) expect(h.operator.post("/v1/entities/" + id + "/credential-offers", Map.of()), 201)
          .body().get("credential_offer");
      String offerPath = expect(h.operator.post("/v1/entities/" + id + "/credential-offers", Map.of()), 201).string("credential_offer_uri")
          .substring(h.base.length());
      String code = (String) ((Map<String, Object>) ((Map<String, Object>) offer.get("grants")).get(GRANT)).get("pre-authorized_code");
      String accessToken = expect(new Api(h.base, null).postForm("/oid4vci/token", "grant_type", GRANT, "pre-authorized_code", code), 200)
          .string("access_token");
      String key = acme.bearerKey();
      String op = IssuerHarness.ADMIN_KEY;
      String entity = "/v1/entities/" + id;
      List<Route> routes = List.of(
          new Route("GET", "/.well-known/jwt-vc-issuer", "/.well-known/jwt-vc-issuer", null, null),
          new Route("GET", "/.well-known/openid-credential-issuer", "/.well-known/openid-credential-issuer", null, null),
          new Route("GET", "/.well-known/oauth-authorization-server", "/.well-known/oauth-authorization-server", null, null),
          new Route("GET", "/jwks.json", "/jwks.json", null, null),
          new Route("GET", "/status-lists/{id}", "/status-lists/1", null, null),
          new Route("POST", "/v1/entities", "/v1/entities", null, "{\"entity_type\":\"organization\",\"attributes\":" + IssuerHarness.ACME + "}"),
          new Route("GET", "/v1/entities/{id}", entity, key, null),
          new Route("POST", "/v1/entities/{id}/kyc", entity + "/kyc", key, "{\"attestation\":\"x.y.z\"}"),
          new Route("POST", "/v1/entities/{id}/review", entity + "/review", op, "{\"decision\":\"approve\",\"reason\":\"ok\",\"level\":\"high\"}"),
          new Route("POST", "/v1/entities/{id}/numbers", entity + "/numbers", key, "{\"authority_token\":\"x.y.z\",\"claim\":[\"+12025550100\"]}"),
          new Route("POST", "/v1/entities/{id}/numbers/release", entity + "/numbers/release", key,
              "{\"numbers\":[\"+12025550100\"],\"reason\":\"number_reassigned\"}"),
          new Route("PUT", "/v1/entities/{id}/listing", entity + "/listing", key, "{\"numbers\":[\"+12025550100\"]}"),
          new Route("PUT", "/v1/entities/{id}/account-key", entity + "/account-key", key,
              Json.write(Map.of("jwk", Fixtures.holderKey().publicJwk().toJson()))),
          new Route("GET", "/v1/entities/{id}/tokens", entity + "/tokens", key, null),
          new Route("GET", "/v1/entities/{id}/number-keys", entity + "/number-keys", key, null),
          new Route("POST", "/v1/entities/{id}/refresh-tokens/revoke", entity + "/refresh-tokens/revoke", key, "{}"),
          new Route("POST", "/v1/entities/{id}/tokens", entity + "/tokens", key, "{\"proofs\":[\"x.y.z\"]}"),
          new Route("GET", "/v1/entities/{id}/events", entity + "/events", key, null),
          new Route("POST", "/v1/entities/{id}/credential-offers", entity + "/credential-offers", key, "{\"tx_code\":true,\"expires_in\":600}"),
          new Route("GET", "/v1/nonce", "/v1/nonce", key, null),
          new Route("GET", "/v1/tokens/{id}", "/v1/tokens/" + token, key, null),
          new Route("POST", "/v1/tokens/{id}/revoke", "/v1/tokens/" + token + "/revoke", key, "{\"reason\":\"holder_request\"}"),
          new Route("POST", "/v1/tokens/{id}/suspend", "/v1/tokens/" + token + "/suspend", op, "{\"reason\":\"holder_request\"}"),
          new Route("POST", "/v1/tokens/{id}/reinstate", "/v1/tokens/" + token + "/reinstate", op, "{\"reason\":\"holder_request\"}"),
          new Route("GET", "/oid4vci/offers/{id}", offerPath, null, null),
          new Route("POST", "/oid4vci/token", "/oid4vci/token", null,
              "grant_type=" + URLEncoder.encode(GRANT, StandardCharsets.UTF_8) + "&pre-authorized_code=" + code + "&tx_code=123456", true),
          new Route("POST", "/oid4vci/token", "/oid4vci/token", null, "grant_type=refresh_token&refresh_token=" + "r".repeat(43), true),
          new Route("POST", "/oid4vci/nonce", "/oid4vci/nonce", null, "{}"),
          new Route("POST", "/oid4vci/credential", "/oid4vci/credential", accessToken,
              "{\"credential_configuration_id\":\"vesper_identity\",\"proofs\":{\"jwt\":[\"x.y.z\"]}}"));
      int sent = BadValues.assertNoServerErrors(h.server.port(), new Api(h.base, null).get("/openapi.json").body(), routes);
      assertThat(sent).isGreaterThan(500);
    }
  }
}
