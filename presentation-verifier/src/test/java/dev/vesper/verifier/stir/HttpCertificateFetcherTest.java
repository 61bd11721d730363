package dev.vesper.verifier.stir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.stir.Pem;
import dev.vesper.server.fetch.Origin;
import dev.vesper.server.fetch.OutboundFetcher;
import dev.vesper.server.fetch.Resolver;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * x5u fetching: allow-listed origins (scheme, host and port) only, never non-public addresses unless the
 * fetcher is relaxed for local testing; cached; every failure one id and one text. Names resolve through
 * a stub resolver, so nothing here sends traffic beyond loopback.
 */
class HttpCertificateFetcherTest {
  static final Resolver STUB = host -> {
    String a = Map.of("cert.example", "127.0.0.1", "internal.example", "10.1.2.3", "meta.example", "169.254.169.254").get(host);
    if (a == null) {
      throw new UnknownHostException(host);
    }
    return List.of(InetAddress.getByName(a));
  };

  @Test
  void theRulesRefuseWhatAPublicVerifierMustNotFetch() {
    HttpCertificateFetcher strict = HttpCertificateFetcher.allowing(
        Set.of(Origin.parse("cert.example"), Origin.parse("internal.example"), Origin.parse("meta.example"), Origin.parse("127.0.0.1")),
        OutboundFetcher.create(STUB, Clock.systemUTC()), Clock.systemUTC());
    for (String uri : List.of(
        "http://cert.example/chain.pem",            // not https
        "https://cert.example:8443/chain.pem",      // allow-listed host, another port
        "https://elsewhere.example/chain.pem",      // not on the allow-list
        "https://cert.example/chain.pem",           // allow-listed, but resolves to loopback
        "https://internal.example/chain.pem",       // private address
        "https://meta.example/latest/meta-data",    // link-local (cloud metadata)
        "https://127.0.0.1/chain.pem",
        "ftp://cert.example/chain.pem",
        "not a uri at all")) {
      assertThatThrownBy(() -> strict.fetch(uri)).as(uri).isInstanceOf(VesperException.class)
          .extracting(e -> ((VesperException) e).code()).isEqualTo(ErrorCode.FETCH_REFUSED);
    }
  }

  @Test
  void aChainIsFetchedOnceThenServedFromTheCacheAndFailuresLookAlike() throws Exception {
    List<String> chain = StirCalls.CARRIER.x5c();
    AtomicInteger hits = new AtomicInteger();
    AtomicInteger textHits = new AtomicInteger();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/chain.pem", ex -> {
      hits.incrementAndGet();
      byte[] body = Pem.encode(chain).getBytes(StandardCharsets.US_ASCII);
      ex.getResponseHeaders().set("Content-Type", "application/pem-certificate-chain");
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
    server.createContext("/secret.pem", ex -> {
      ex.sendResponseHeaders(401, -1);
      ex.close();
    });
    server.createContext("/text.pem", ex -> {
      textHits.incrementAndGet();
      byte[] body = "no certificate here".getBytes(StandardCharsets.US_ASCII);
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    server.start();
    try {
      int port = server.getAddress().getPort();
      String base = "http://cert.example:" + port;
      HttpCertificateFetcher local = HttpCertificateFetcher.allowing(Set.of(Origin.parse(base)),
          OutboundFetcher.create(STUB, Clock.systemUTC()).forLocalTesting(), Clock.systemUTC());
      assertThat(local.fetch(base + "/chain.pem")).isEqualTo(chain);
      assertThat(local.fetch(base + "/chain.pem")).isEqualTo(chain);
      assertThat(hits).hasValue(1);
      assertThat(Base64.getDecoder().decode(local.fetch(base + "/chain.pem").get(0))).isNotEmpty();
      int closed;
      try (ServerSocket s = new ServerSocket(0)) {
        closed = s.getLocalPort();
      }
      HttpCertificateFetcher closedToo = HttpCertificateFetcher.allowing(
          Set.of(Origin.parse(base), Origin.parse("http://cert.example:" + closed)),
          OutboundFetcher.create(STUB, Clock.systemUTC()).forLocalTesting(), Clock.systemUTC());
      Set<String> texts = new HashSet<>();
      for (String uri : List.of(base + "/big.pem", base + "/missing.pem", base + "/secret.pem", base + "/text.pem",
          "http://cert.example:" + closed + "/chain.pem")) {
        VesperException e = Assertions.assertThrows(VesperException.class, () -> closedToo.fetch(uri), uri);
        assertThat(e.code()).as(uri).isEqualTo(ErrorCode.FETCH_FAILED);
        texts.add(e.getMessage());
      }
      assertThat(texts).as("a closed port, a 401, a body without PEM and an oversized body read the same").hasSize(1);
      int before = textHits.get();
      Assertions.assertThrows(VesperException.class, () -> closedToo.fetch(base + "/text.pem"));
      assertThat(textHits.get()).as("a body without PEM is remembered like any failure").isEqualTo(before);
    } finally {
      server.stop(0);
    }
  }
}
