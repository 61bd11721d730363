package dev.vesper.issuer.vetting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.stir.Pem;
import dev.vesper.server.fetch.Origin;
import dev.vesper.server.fetch.OutboundFetcher;
import dev.vesper.server.fetch.Resolver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The issuer's x5u fetcher on loopback (a local-testing OutboundFetcher; the strict one refuses loopback):
 * the chain served as PEM comes back end-entity first; a body without a certificate and an origin off the
 * allow-list fail with the shared fetch ids.
 */
class HttpX5uFetcherTest {
  @Test
  void fetchesThePemChainFromAnAllowedOriginOnly() throws Exception {
    String pem = Pem.encode(AuthorityTokensTest.AUTHORITY.x5c());
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/cert", ex -> reply(ex, pem));
    server.createContext("/empty", ex -> reply(ex, "no certificate here"));
    server.start();
    try {
      String base = "http://127.0.0.1:" + server.getAddress().getPort();
      OutboundFetcher outbound = OutboundFetcher.create(Resolver.system(), Clock.systemUTC()).forLocalTesting();
      HttpX5uFetcher fetcher = HttpX5uFetcher.allowing(Set.of(Origin.parse(base)), outbound);
      assertThat(fetcher.fetch(URI.create(base + "/cert"))).isEqualTo(AuthorityTokensTest.AUTHORITY.chain());
      assertThatThrownBy(() -> fetcher.fetch(URI.create(base + "/empty")))
          .isInstanceOfSatisfying(VesperException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FETCH_FAILED));
      HttpX5uFetcher elsewhere = HttpX5uFetcher.allowing(Set.of(Origin.parse("https://authority.example.org")), outbound);
      assertThatThrownBy(() -> elsewhere.fetch(URI.create(base + "/cert")))
          .isInstanceOfSatisfying(VesperException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FETCH_REFUSED));
    } finally {
      server.stop(0);
    }
  }

  private static void reply(HttpExchange ex, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.US_ASCII);
    ex.getResponseHeaders().add("Content-Type", "application/pem-certificate-chain");
    ex.sendResponseHeaders(200, bytes.length);
    ex.getResponseBody().write(bytes);
    ex.close();
  }
}
