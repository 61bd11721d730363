package dev.vesper.verifier.stir;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vesper.core.crypto.TrustedKeys;
import dev.vesper.core.json.Json;
import dev.vesper.core.testing.Fixtures;
import dev.vesper.core.token.VesperToken;
import dev.vesper.server.testing.Api;
import dev.vesper.server.testing.BadValues;
import dev.vesper.server.testing.BadValues.Route;
import dev.vesper.verifier.ForgeAccess;
import dev.vesper.verifier.http.VerifierConfig;
import dev.vesper.verifier.http.VerifierServer;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 §6: every route of the verifier service (presentations, the STI-VS, OpenID4VP) walked with
 * the bad-value list ({@link BadValues}), starting from a genuine call. Never a 5xx.
 */
class BadValuesTest {
  @Test
  void noRouteAnswersAServerErrorToABadValue() throws Exception {
    try (VerifierServer server = VerifierServer.start(new VerifierConfig("127.0.0.1", 0, TrustedKeys.of(Fixtures.issuerKey().publicJwk()),
        null, Clock.systemUTC(), null, StirVerifierTest.verifier()))) {
      Api api = new Api("http://127.0.0.1:" + server.port(), null);
      Map<String, Object> dcql = Map.of("credentials", List.of(Map.of("id", "vesper", "format", "dc+sd-jwt",
          "meta", Map.of("vct_values", List.of(VesperToken.VCT)),
          "claims", List.of(Map.of("path", List.of("name")), Map.of("path", Arrays.asList("tn", null), "values", List.of("12025550250"))))));
      Api.Reply created = api.post("/v1/presentation-requests", Map.of("dcql_query", dcql));
      assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
      String id = created.string("id");
      StirCalls.Call call = new StirCalls.Call();
      String verification = Json.write(Map.of("verificationRequest", Map.of("from", Map.of("tn", "+" + call.orig),
          "to", Map.of("tn", List.of("+" + call.dest.get(0))), "time", call.iat, "identity", call.identity())));
      List<Route> routes = List.of(
          new Route("POST", "/v1/presentations/verify", "/v1/presentations/verify", null,
              Json.write(Map.of("presentation", ForgeAccess.valid(), "aud", ForgeAccess.AUD, "nonce", ForgeAccess.NONCE, "require", List.of("name")))),
          new Route("POST", "/stir/v1/verification", "/stir/v1/verification", null, verification),
          new Route("POST", "/v1/presentation-requests", "/v1/presentation-requests", null, Json.write(Map.of("dcql_query", dcql))),
          new Route("GET", "/v1/presentation-requests/{id}", "/v1/presentation-requests/" + id, null, null),
          new Route("GET", "/v1/presentation-requests/{id}/qr.svg", "/v1/presentation-requests/" + id + "/qr.svg", null, null),
          new Route("GET", "/oid4vp/requests/{id}", "/oid4vp/requests/" + id, null, null),
          new Route("POST", "/oid4vp/responses/{id}", "/oid4vp/responses/" + id, null, "vp_token=%7B%7D&state=s", true));
      int sent = BadValues.assertNoServerErrors(server.port(), api.get("/openapi.json").body(), routes);
      assertThat(sent).isGreaterThan(300);
    }
  }
}
