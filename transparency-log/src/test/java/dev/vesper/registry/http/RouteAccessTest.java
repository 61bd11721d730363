package dev.vesper.registry.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vesper.core.log.NoteSigner;
import dev.vesper.core.testing.Fixtures;
import dev.vesper.registry.RegistryConfig;
import dev.vesper.registry.RegistryServer;
import dev.vesper.server.testing.AccessSweep;
import dev.vesper.server.testing.AccessSweep.Route;
import dev.vesper.server.testing.RawHttp;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 §1 and "Also": the registry's one operator route, {@code /metrics}, refuses every spelling
 * without the operator key (appends are authenticated by their own signatures, LogApiTest).
 */
class RouteAccessTest {
  static final String OPERATOR_KEY = "registry-operator-key-0123456789";

  @TempDir Path dir;

  @Test
  void metricsRefuseEverySpellingWithoutTheOperatorKey() throws Exception {
    NoteSigner key = NoteSigner.fromSeed("access.example/log", new byte[32]);
    try (RegistryServer server = RegistryServer.start(new RegistryConfig("127.0.0.1", 0, dir, null, key,
        List.of(Fixtures.issuerKey().publicJwk()), Clock.systemUTC(), OPERATOR_KEY))) {
      AccessSweep.assertRefused(server.port(), List.of(new Route("GET", "/metrics", null), new Route("HEAD", "/metrics", null)),
          null, "not-the-key");
      assertThat(RawHttp.send(server.port(), "GET", "/metrics", OPERATOR_KEY, null).status()).isEqualTo(200);
      assertThat(RawHttp.send(server.port(), "GET", "/checkpoint", null, null).status()).isEqualTo(200);
    }
  }
}
