package dev.vesper.holder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vesper.core.crypto.PublicJwk;
import dev.vesper.server.testing.Api;
import dev.vesper.server.testing.BadValues;
import dev.vesper.server.testing.BadValues.Route;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 §6: every route of the holder, its STI-AS included, walked with the bad-value list
 * ({@link BadValues}): {@code iat} -1, an empty or 300-character {@code origid}, {@code aud} and
 * {@code nonce} over 1,024 characters, wrong types, nulls. Never a 5xx.
 */
class BadValuesTest {
  @TempDir Path dir;

  @Test
  void noRouteAnswersAServerErrorToABadValue() throws Exception {
    try (HolderServer server = HolderHarness.stiServer(dir, 100_000, 100_000, null)) {
      String base = "http://127.0.0.1:" + server.port();
      Api admin = new Api(base, HolderHarness.ADMIN_KEY);
      Api acme = tenant(admin, base, "Acme");
      Api other = tenant(admin, base, "Other");
      PublicJwk holderKey = HolderHarness.newKey(acme);
      String kid = holderKey.thumbprint();
      String token = acme.post("/v1/tokens", Map.of("token", new TokenFactory().issue(JourneysTest.ENTERPRISE, holderKey))).string("id");
      long now = Instant.now().getEpochSecond();
      String grant = acme.post("/v1/grants", Map.of("grantee_tenant", other.tenantId(), "token_id", token, "numbers", List.of("+12025550210"),
          "claims", List.of("name", "tn"), "expires_at", now + 3600)).string("id");
      assertThat(grant).isNotNull();
      String key = acme.bearerKey();
      String pool = (String) acme.get("/v1/pools").list("pools").get(0).get("id");
      List<Route> routes = List.of(
          new Route("GET", "/v1/pools", "/v1/pools", key, null),
          new Route("GET", "/v1/pools/{id}", "/v1/pools/" + pool, key, null),
          new Route("PUT", "/v1/pools/{id}", "/v1/pools/" + pool, key,
              "{\"rotation\":\"per_call\",\"low_water\":1,\"target\":5,\"policy\":{\"default\":[\"name\",\"tn\"]}}"),
          new Route("POST", "/v1/pools/{id}/refill", "/v1/pools/" + pool + "/refill", key, "{}"),
          new Route("POST", "/v1/tenants", "/v1/tenants", HolderHarness.ADMIN_KEY, "{\"name\":\"walked\"}"),
          new Route("POST", "/v1/keys", "/v1/keys", key, "{}"),
          new Route("GET", "/v1/keys", "/v1/keys", key, null),
          new Route("POST", "/v1/keys/{id}/proofs", "/v1/keys/" + kid + "/proofs", key, "{\"aud\":\"https://issuer.example\",\"nonce\":\"n\"}"),
          new Route("POST", "/v1/tokens", "/v1/tokens", key, "{\"token\":\"x~\"}"),
          new Route("GET", "/v1/tokens", "/v1/tokens", key, null),
          new Route("GET", "/v1/tokens/{id}", "/v1/tokens/" + token, key, null),
          new Route("DELETE", "/v1/tokens/{id}", "/v1/tokens/" + token, key, null),
          new Route("GET", "/v1/tokens/{id}/policy", "/v1/tokens/" + token + "/policy", key, null),
          new Route("PUT", "/v1/tokens/{id}/policy", "/v1/tokens/" + token + "/policy", key,
              "{\"default\":[\"name\",\"tn\"],\"audiences\":[{\"match\":\"tel:+1*\",\"claims\":[\"name\",\"tn\"]}]}"),
          new Route("POST", "/v1/tokens/{id}/presentations", "/v1/tokens/" + token + "/presentations", key,
              "{\"disclose\":[\"name\"],\"aud\":\"https://rp.example\",\"nonce\":\"n-1\"}"),
          new Route("POST", "/v1/presentations/call", "/v1/presentations/call", key,
              "{\"orig\":\"+12025550210\",\"dest\":[\"+14155550123\"],\"iat\":" + now + ",\"origid\":\"123e4567-e89b-12d3-a456-426655440000\"}"),
          new Route("POST", "/v1/grants", "/v1/grants", key, "{\"grantee_tenant\":\"" + other.tenantId() + "\",\"token_id\":\"" + token
              + "\",\"numbers\":[\"+12025550210\"],\"claims\":[\"name\",\"tn\"],\"expires_at\":" + (now + 3600) + "}"),
          new Route("GET", "/v1/grants", "/v1/grants", key, null),
          new Route("DELETE", "/v1/grants/{id}", "/v1/grants/" + grant, key, null),
          new Route("GET", "/v1/audit", "/v1/audit", key, null),
          new Route("DELETE", "/v1/pools/{id}", "/v1/pools/" + pool, key, null),
          // The wallet routes start from requests whose URLs the strict fetcher refuses before connecting (loopback).
          new Route("POST", "/v1/credential-offers", "/v1/credential-offers", key,
              "{\"offer\":\"openid-credential-offer://?credential_offer_uri=https%3A%2F%2F127.0.0.1%2Foffer\"}"),
          new Route("POST", "/v1/presentation-requests", "/v1/presentation-requests", key,
              "{\"request\":\"openid4vp://?client_id=x509_san_dns%3A127.0.0.1&request_uri=https%3A%2F%2F127.0.0.1%2Frequest\"}"),
          new Route("GET", "/stir/v1/certificate", "/stir/v1/certificate", null, null),
          new Route("GET", "/stir/v1/presentations/{id}", "/stir/v1/presentations/unknown-id", null, null),
          new Route("POST", "/stir/v1/signing", "/stir/v1/signing", key, "{\"signingRequest\":{\"orig\":{\"tn\":\"+12025550250\"},"
              + "\"dest\":{\"tn\":[\"+14155550123\"]},\"iat\":" + now + ",\"origid\":\"123e4567-e89b-12d3-a456-426655440000\",\"attest\":\"A\","
              + "\"vesper_delivery\":\"reference\",\"crn\":\"A reason\"}}"));
      int sent = BadValues.assertNoServerErrors(server.port(), admin.as(null).get("/openapi.json").body(), routes);
      assertThat(sent).isGreaterThan(500);
    }
  }

  private static Api tenant(Api admin, String base, String name) {
    Api.Reply r = admin.post("/v1/tenants", Map.of("name", name));
    return new Api(base, r.string("api_key"), r.string("tenant_id"));
  }
}
