package dev.vesper.registry.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vesper.core.json.Base64Url;
import dev.vesper.core.json.Json;
import dev.vesper.core.log.NoteSigner;
import dev.vesper.core.testing.Fixtures;
import dev.vesper.registry.RegistryConfig;
import dev.vesper.registry.RegistryServer;
import dev.vesper.server.testing.BadValues;
import dev.vesper.server.testing.BadValues.Route;
import dev.vesper.server.testing.RawHttp;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 11 §6: every route of the registry walked with bad path and query values ({@link BadValues}). Never a 5xx. */
class BadValuesTest {
  @TempDir Path dir;

  @Test
  void noRouteAnswersAServerErrorToABadValue() throws Exception {
    NoteSigner key = NoteSigner.fromSeed("bad-values.example/log", new byte[32]);
    try (RegistryServer server = RegistryServer.start(new RegistryConfig("127.0.0.1", 0, dir, null, key,
        List.of(Fixtures.issuerKey().publicJwk()), Clock.systemUTC()))) {
      String hash = "ab".repeat(32);
      List<Route> routes = List.of(
          new Route("GET", "/checkpoint", "/checkpoint", null, null),
          new Route("GET", "/tile/{path}", "/tile/0/000", null, null),
          new Route("POST", "/v1/entries", "/v1/entries?await=published", null, null),
          new Route("GET", "/v1/entries", "/v1/entries?limit=5", null, null),
          new Route("GET", "/v1/proof/inclusion", "/v1/proof/inclusion?index=0&size=1", null, null),
          new Route("GET", "/v1/proof/by-hash", "/v1/proof/by-hash?leaf_hash=" + "A".repeat(43) + "%3D&size=1", null, null),
          new Route("GET", "/v1/proof/consistency", "/v1/proof/consistency?from=0&to=1", null, null),
          new Route("GET", "/v1/tokens/{sha256}", "/v1/tokens/" + hash, null, null),
          new Route("GET", "/v1/issuers", "/v1/issuers", null, null),
          new Route("GET", "/v1/issuers/{id}/keys", "/v1/issuers/" + Base64Url.encode("https://issuer.example") + "/keys", null, null),
          new Route("GET", "/v1/numbers/{tn}", "/v1/numbers/12025550100", null, null));
      String doc = RawHttp.send(server.port(), "GET", "/openapi.json", null, null).text();
      int sent = BadValues.assertNoServerErrors(server.port(), Json.parseObject(doc.substring(doc.indexOf("\r\n\r\n") + 4)), routes);
      assertThat(sent).isGreaterThan(50);
    }
  }
}
