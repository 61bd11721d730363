package dev.vesper.verifier.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vesper.core.crypto.TrustedKeys;
import dev.vesper.core.testing.Fixtures;
import dev.vesper.server.testing.AccessSweep;
import dev.vesper.server.testing.AccessSweep.Route;
import dev.vesper.server.testing.RawHttp;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 §1 and "Also": the verifier's one operator route, {@code /metrics}, refuses every spelling
 * without the operator key, and stays closed when the service was started without one.
 */
class RouteAccessTest {
  static final String OPERATOR_KEY = "verifier-operator-key-0123456789";
  static final List<Route> OPERATOR_ROUTES = List.of(new Route("GET", "/metrics", null), new Route("HEAD", "/metrics", null));

  @Test
  void metricsRefuseEverySpellingWithoutTheOperatorKey() {
    try (VerifierServer server = VerifierServer.start(new VerifierConfig("127.0.0.1", 0, TrustedKeys.of(Fixtures.issuerKey().publicJwk()),
        null, Fixtures.clock(), null, null, null, null, OPERATOR_KEY))) {
      AccessSweep.assertRefused(server.port(), OPERATOR_ROUTES, null, "not-the-key");
      RawHttp.Answer metrics = RawHttp.send(server.port(), "GET", "/metrics", OPERATOR_KEY, null);
      assertThat(metrics.status()).isEqualTo(200);
      assertThat(metrics.text()).contains("http_server_requests");
    }
  }

  @Test
  void withoutAnOperatorKeyMetricsStayClosed() {
    try (VerifierServer server = VerifierServer.start(new VerifierConfig("127.0.0.1", 0, TrustedKeys.of(Fixtures.issuerKey().publicJwk()),
        null, Fixtures.clock()))) {
      AccessSweep.assertRefused(server.port(), OPERATOR_ROUTES, null, OPERATOR_KEY);
      assertThat(RawHttp.send(server.port(), "GET", "/health/live", null, null).status()).isEqualTo(200);
    }
  }
}
