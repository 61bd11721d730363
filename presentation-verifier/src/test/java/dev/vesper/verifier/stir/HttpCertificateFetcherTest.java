package dev.vesper.verifier.stir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** x5u fetching: only allow-listed https hosts, never internal addresses unless relaxed for tests; cached. */
class HttpCertificateFetcherTest {
  @Test
  void theRulesRefuseWhatAPublicVerifierMustNotFetch() {
    HttpCertificateFetcher strict = HttpCertificateFetcher.allowing(Set.of("cert.example", "127.0.0.1", "localhost"), Clock.systemUTC());
    for (String uri : List.of(
        "http://cert.example/chain.pem",            // not https
        "https://elsewhere.example/chain.pem",      // not on the allow-list
        "https://127.0.0.1/chain.pem",              // loopback, even when allow-listed
        "https://localhost/chain.pem",
        "ftp://cert.example/chain.pem",
        "not a uri at all")) {
      assertThatThrownBy(() -> strict.fetch(uri)).as(uri).isInstanceOf(VesperException.class)
          .extracting(e -> ((VesperException) e).code()).isEqualTo(ErrorCode.STIR_BAD_IDENTITY_INFO);
    }
  }

  @Test
  void aChainIsFetchedOnceThenServedFromTheCache() throws Exception {
    List<String> chain = StirCalls.CARRIER.x5c();
    StringBuilder pem = new StringBuilder();
    for (String der : chain) {
      pem.append("-----BEGIN CERTIFICATE-----\n").append(der.replaceAll("(.{64})", "$1\n")).append("\n-----END CERTIFICATE-----\n");
    }
    AtomicInteger hits = new AtomicInteger();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/chain.pem", ex -> {
      hits.incrementAndGet();
      byte[] body = pem.toString().getBytes(StandardCharsets.US_ASCII);
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    server.createContext("/big.pem", ex -> {
      byte[] body = new byte[70 * 1024];
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    server.start();
    try {
      HttpCertificateFetcher local = HttpCertificateFetcher.allowing(Set.of("127.0.0.1"), Clock.systemUTC()).allowingLocalAddressesForTests();
      String uri = "http://127.0.0.1:" + server.getAddress().getPort() + "/chain.pem";
      assertThat(local.fetch(uri)).isEqualTo(chain);
      assertThat(local.fetch(uri)).isEqualTo(chain);
      assertThat(hits).hasValue(1);
      assertThat(Base64.getDecoder().decode(local.fetch(uri).get(0))).isNotEmpty();
      assertThatThrownBy(() -> local.fetch("http://127.0.0.1:" + server.getAddress().getPort() + "/big.pem"))
          .extracting(e -> ((VesperException) e).code()).isEqualTo(ErrorCode.STIR_BAD_IDENTITY_INFO);
      assertThatThrownBy(() -> local.fetch("http://127.0.0.1:" + server.getAddress().getPort() + "/missing.pem"))
          .extracting(e -> ((VesperException) e).code()).isEqualTo(ErrorCode.STIR_BAD_IDENTITY_INFO);
    } finally {
      server.stop(0);
    }
  }
}
