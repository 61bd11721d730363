package dev.vesper.verifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.vesper.core.crypto.TrustedKeys;
import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.status.StatusList;
import dev.vesper.core.status.StatusListToken;
import dev.vesper.core.status.StatusReference;
import dev.vesper.core.testing.Fixtures;
import dev.vesper.server.fetch.OutboundFetcher;
import dev.vesper.server.fetch.Resolver;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Status lists over HTTP (draft-ietf-oauth-status-list §8): {@code Accept: application/statuslist+jwt},
 * up to 3 redirects each checked like the first URL, any 2xx with that media type, nothing else.
 * {@code issuer.test} resolves to loopback through a stub resolver; the fetcher is relaxed for local testing.
 */
class HttpStatusFetcherTest {
  private final List<String> accepts = new CopyOnWriteArrayList<>();
  private HttpServer server;
  private String base;
  private String token;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    base = "http://issuer.test:" + server.getAddress().getPort();
    StatusList list = StatusList.allValid(2, 16);
    list.set(5, 1);
    Instant now = Instant.now();
    token = StatusListToken.sign(list, base + "/old/1", now, now.plusSeconds(600), Duration.ofSeconds(60), Fixtures.issuerKey());
    server.createContext("/", ex -> {
      accepts.add(ex.getRequestHeaders().getFirst("Accept"));
      String path = ex.getRequestURI().getPath();
      switch (path) {
        case "/old/1" -> redirect(ex, 301, "/moved/1");
        case "/moved/1" -> redirect(ex, 302, base + "/cdn/1");
        case "/cdn/1" -> redirect(ex, 307, "/lists/1");
        case "/lists/1" -> send(ex, 200, "application/statuslist+jwt", token);
        case "/four" -> redirect(ex, 308, "/old/1");
        case "/partial" -> send(ex, 203, "application/statuslist+jwt", token);
        case "/json" -> send(ex, 200, "application/json", token);
        case "/away" -> redirect(ex, 302, "https://issuer.test:" + server.getAddress().getPort() + "/lists/1");
        default -> send(ex, 404, "text/plain", "no");
      }
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private static final Resolver LOOPBACK = host -> List.of(InetAddress.getLoopbackAddress());

  private final HttpStatusFetcher fetcher = HttpStatusFetcher.using(OutboundFetcher.create(LOOPBACK, Clock.systemUTC()).forLocalTesting());

  @Test
  void aListIsFetchedThroughUpToThreeRedirectsAndDecoded() throws Exception {
    assertThat(fetcher.fetch(base + "/old/1")).isEqualTo(token);
    assertThat(accepts).containsOnly("application/statuslist+jwt");
    StatusLists lists = StatusLists.using(fetcher, Clock.systemUTC());
    TrustedKeys trusted = TrustedKeys.of(Fixtures.issuerKey().publicJwk());
    lists.check(new StatusReference(base + "/old/1", 4), trusted);
    assertThatThrownBy(() -> lists.check(new StatusReference(base + "/old/1", 5), trusted))
        .extracting(e -> ((VesperException) e).code()).isEqualTo(ErrorCode.STATUS_REVOKED);
  }

  @Test
  void any2xxIsAcceptedAndEverythingElseFails() throws Exception {
    assertThat(fetcher.fetch(base + "/partial")).isEqualTo(token);
    for (String path : List.of("/four", "/json", "/missing")) {
      assertThatThrownBy(() -> fetcher.fetch(base + path)).as(path).extracting(e -> ((VesperException) e).code())
          .isEqualTo(ErrorCode.FETCH_FAILED);
    }
    // A hop to https on a plain-http server fails like any other failed fetch.
    assertThatThrownBy(() -> fetcher.fetch(base + "/away")).extracting(e -> ((VesperException) e).code()).isEqualTo(ErrorCode.FETCH_FAILED);
    HttpStatusFetcher strict = HttpStatusFetcher.using(OutboundFetcher.create(LOOPBACK, Clock.systemUTC()));
    assertThatThrownBy(() -> strict.fetch(base + "/lists/1")).as("http and loopback, without the local-testing relaxation")
        .extracting(e -> ((VesperException) e).code()).isEqualTo(ErrorCode.FETCH_REFUSED);
    StatusLists lists = StatusLists.using(strict, Clock.systemUTC());
    assertThatThrownBy(() -> lists.check(new StatusReference(base + "/lists/1", 1), TrustedKeys.of(Fixtures.issuerKey().publicJwk())))
        .extracting(e -> ((VesperException) e).code()).isEqualTo(ErrorCode.STATUS_UNAVAILABLE);
  }

  private static void redirect(HttpExchange ex, int status, String location) throws IOException {
    ex.getResponseHeaders().set("Location", location);
    ex.sendResponseHeaders(status, -1);
    ex.close();
  }

  private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.US_ASCII);
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(status, bytes.length);
    ex.getResponseBody().write(bytes);
    ex.close();
  }
}
