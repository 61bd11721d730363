package dev.vesper.issuer;

import static dev.vesper.issuer.IssuerHarness.expect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vesper.server.testing.AccessSweep;
import dev.vesper.server.testing.AccessSweep.Route;
import dev.vesper.server.testing.Api;
import dev.vesper.server.testing.RawHttp;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 §1: the issuer's operator-only routes (review, suspension, reinstatement, metrics) refuse
 * every spelling of their path with an entity's key, a wrong key or none, and change nothing; its entity
 * routes refuse every spelling without a key.
 */
class RouteAccessTest {
  @TempDir Path dir;

  @Test
  void operatorRoutesRefuseEverySpellingWithoutTheOperatorKey() throws Exception {
    try (IssuerHarness h = new IssuerHarness("sqlite", dir)) {
      Api acme = h.register(IssuerHarness.ACME);
      h.vet(acme);
      String token = (String) expect(acme.post("/v1/entities/" + acme.tenantId() + "/tokens",
          Map.of("proofs", List.of(h.proof(IssuerHarness.newHolderKey(), h.nonce(acme))))), 201).list("tokens").get(0).get("id");
      String approve = "{\"decision\":\"approve\",\"reason\":\"self\",\"level\":\"high\"}";
      List<Route> operatorRoutes = List.of(
          new Route("POST", "/v1/entities/" + acme.tenantId() + "/review", approve),
          new Route("POST", "/v1/tokens/" + token + "/suspend", "{\"reason\":\"holder_request\"}"),
          new Route("POST", "/v1/tokens/" + token + "/reinstate", "{\"reason\":\"holder_request\"}"),
          new Route("GET", "/metrics", null),
          new Route("HEAD", "/metrics", null));
      int port = h.server.port();
      AccessSweep.assertRefused(port, operatorRoutes, null, acme.bearerKey(), "ek_not-a-key");

      List<Map<String, Object>> events = expect(h.operator.get("/v1/entities/" + acme.tenantId() + "/events"), 200).list("events");
      assertThat(events).extracting(e -> e.get("kind")).doesNotContain("kyc_review_approved", "kyc_review_rejected");
      assertThat(expect(acme.get("/v1/tokens/" + token), 200).string("status")).isEqualTo("valid");
      assertThat(RawHttp.send(port, "POST", "/v1/tokens/" + token + "/suspend", IssuerHarness.ADMIN_KEY, "{\"reason\":\"holder_request\"}").status())
          .isEqualTo(200);
      assertThat(RawHttp.send(port, "GET", "/metrics", IssuerHarness.ADMIN_KEY, null).status()).isEqualTo(200);
    }
  }

  @Test
  void entityRoutesRefuseEverySpellingWithoutAKey() throws Exception {
    try (IssuerHarness h = new IssuerHarness("sqlite", dir)) {
      Api acme = h.register(IssuerHarness.ACME);
      List<Route> entityRoutes = List.of(
          new Route("GET", "/v1/entities/" + acme.tenantId(), null),
          new Route("PUT", "/v1/entities/" + acme.tenantId() + "/listing", "{\"numbers\":[]}"),
          new Route("GET", "/v1/nonce", null));
      AccessSweep.assertRefused(h.server.port(), entityRoutes, null, "ek_not-a-key");
    }
  }
}
