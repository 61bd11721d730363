package dev.vesper.server.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.testing.MutableClock;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The hardened fetcher, rule by rule. Names resolve through a stub resolver, and every connection goes
 * through a connector that refuses anything but loopback, so no test can send traffic elsewhere even if
 * the fetcher were broken.
 */
class OutboundFetcherTest {
  private static final FetchRules RULES = FetchRules.of("test document").rememberFailuresFor(Duration.ZERO);

  private final List<InetSocketAddress> connections = new CopyOnWriteArrayList<>();
  private final List<String> lookups = new CopyOnWriteArrayList<>();
  private final Map<String, List<String>> dns = new ConcurrentHashMap<>(Map.of(
      "cert.test", List.of("127.0.0.1"),
      "other.test", List.of("127.0.0.1"),
      "public.test", List.of("8.8.8.8"),
      "metadata.test", List.of("169.254.169.254"),
      "intranet.test", List.of("10.0.0.7"),
      "mixed.test", List.of("8.8.8.8", "192.168.1.10"),
      "v6local.test", List.of("fe80::1"),
      "mapped.test", List.of("::ffff:127.0.0.1"),
      "multicast.test", List.of("239.255.255.250"),
      "zero.test", List.of("0.0.0.0")));
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T12:00:00Z"));
  private final List<AutoCloseable> servers = new ArrayList<>();

  private final Resolver stub = host -> {
    lookups.add(host);
    List<String> answer = dns.get(host);
    if (answer == null) {
      throw new UnknownHostException(host);
    }
    List<InetAddress> out = new ArrayList<>();
    for (String a : answer) {
      out.add(InetAddress.getByName(a));
    }
    return out;
  };

  private final OutboundFetcher.Connector loopbackOnly = (address, timeout) -> {
    connections.add(address);
    if (!address.getAddress().isLoopbackAddress()) {
      throw new IOException("test connector: no traffic to " + address);
    }
    return OutboundFetcher.Connector.PLAIN.connect(address, timeout);
  };

  private final OutboundFetcher strict = OutboundFetcher.create(stub, clock).connectingWith(loopbackOnly);
  private final OutboundFetcher local = strict.forLocalTesting();

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable s : servers) {
      s.close();
    }
  }

  @Test
  void aStrictFetcherRefusesWhatAPublicServiceMustNotFetchBeforeConnecting() {
    for (String url : List.of(
        "http://public.test/x",                  // not https
        "ftp://public.test/x",
        "https://user@public.test/x",            // user info
        "https://metadata.test/latest/meta-data", // link-local 169.254/16
        "https://intranet.test/x",               // private
        "https://mixed.test/x",                  // one private address among public ones
        "https://v6local.test/x",                // fe80::/10
        "https://mapped.test/x",                 // IPv4-mapped loopback
        "https://multicast.test/x",
        "https://zero.test/x",                   // unspecified
        "https://127.0.0.1/x",                   // literals are checked too
        "https://[::1]/x",
        "https://169.254.169.254/x",
        "/relative",
        "not a url at all")) {
      assertThatThrownBy(() -> strict.fetch(url, RULES)).as(url).isInstanceOf(VesperException.class)
          .extracting(e -> ((VesperException) e).code()).isEqualTo(ErrorCode.FETCH_REFUSED);
    }
    assertThat(connections).as("nothing was connected to").isEmpty();
  }

  @Test
  void theLocalTestingRelaxationAdmitsLoopbackOnlyNeverTheNetworkAround() {
    for (String url : List.of("http://intranet.test/x", "https://metadata.test/latest", "http://mixed.test/x",
        "http://v6local.test/x", "http://10.1.2.3/x", "http://[fe80::1]/x")) {
      assertThatThrownBy(() -> local.fetch(url, RULES)).as(url).isInstanceOf(VesperException.class)
          .extracting(e -> ((VesperException) e).code()).isEqualTo(ErrorCode.FETCH_REFUSED);
    }
    assertThat(connections).as("nothing was connected to").isEmpty();
  }

  @Test
  void theAllowListNamesSchemeHostAndPort() throws Exception {
    TestHttp http = serve().route("/doc", ex -> TestHttp.send(ex, 200, "text/plain", "hello"));
    FetchRules only = RULES.allowOnly(Set.of(Origin.parse("http://cert.test:" + http.port())));
    assertThat(local.fetch("http://cert.test:" + http.port() + "/doc", only).text()).isEqualTo("hello");
    int otherPort = TestHttp.closedPort();
    for (String url : List.of("http://cert.test:" + otherPort + "/doc", "http://other.test:" + http.port() + "/doc",
        "https://cert.test:" + http.port() + "/doc", "http://cert.test/doc")) {
      assertThatThrownBy(() -> local.fetch(url, only)).as(url).extracting(e -> ((VesperException) e).code())
          .isEqualTo(ErrorCode.FETCH_REFUSED);
    }
    assertThat(connections).hasSize(1);
    assertThat(Origin.parse("cert.test")).isEqualTo(new Origin("https", "cert.test", 443));
    assertThat(Origin.parse("HTTPS://Cert.Test:8443")).isEqualTo(new Origin("https", "cert.test", 8443));
    for (String bad : List.of("https://cert.test/path", "https://u@cert.test", "ftp://cert.test", "https://cert.test?q", "")) {
      assertThatThrownBy(() -> Origin.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void theConnectionGoesToTheAddressThatWasCheckedWithoutASecondLookup() throws Exception {
    // DNS rebinding: the first answer is public, any later one would be loopback.
    Iterator<String> answers = List.of("8.8.8.8", "127.0.0.1", "127.0.0.1").iterator();
    Resolver rebinding = host -> {
      lookups.add(host);
      return List.of(InetAddress.getByName(answers.next()));
    };
    OutboundFetcher f = OutboundFetcher.create(rebinding, clock).connectingWith(loopbackOnly);
    assertThatThrownBy(() -> f.fetch("https://rebind.test/x", RULES)).extracting(e -> ((VesperException) e).code())
        .isEqualTo(ErrorCode.FETCH_FAILED);
    assertThat(lookups).containsExactly("rebind.test");
    assertThat(connections).extracting(a -> a.getAddress().getHostAddress()).containsExactly("8.8.8.8");
    assertThat(connections.get(0).getPort()).isEqualTo(443);
  }

  @Test
  void theHostHeaderNamesTheHostAndAny2xxIsAccepted() throws Exception {
    TestHttp http = serve().route("/accepted", ex -> TestHttp.send(ex, 203, "application/json", "{}"));
    Fetched f = local.fetch("http://cert.test:" + http.port() + "/accepted?x=1", RULES);
    assertThat(f.status()).isEqualTo(203);
    assertThat(f.mediaType()).isEqualTo("application/json");
    assertThat(http.hosts).containsExactly("cert.test:" + http.port());
  }

  @Test
  void redirectsAreFollowedOnlyAsTheRulesAllowEachHopCheckedAgain() throws Exception {
    TestHttp http = serve();
    String base = "http://cert.test:" + http.port();
    http.route("/r1", ex -> TestHttp.redirect(ex, 301, "/r2"))
        .route("/r2", ex -> TestHttp.redirect(ex, 302, base + "/r3"))
        .route("/r3", ex -> TestHttp.redirect(ex, 307, "r4"))
        .route("/r4", ex -> TestHttp.send(ex, 200, "text/plain", "arrived"))
        .route("/r0", ex -> TestHttp.redirect(ex, 308, "/r1"))
        .route("/loop", ex -> TestHttp.redirect(ex, 302, "/loop"))
        .route("/away", ex -> TestHttp.redirect(ex, 302, "http://intranet.test:" + http.port() + "/r4"))
        .route("/elsewhere", ex -> TestHttp.redirect(ex, 303, "http://other.test:" + http.port() + "/r4"));
    FetchRules three = RULES.followRedirects(3);
    Fetched arrived = local.fetch(base + "/r1", three);
    assertThat(arrived.text()).isEqualTo("arrived");
    assertThat(arrived.uri().toString()).isEqualTo(base + "/r4");
    expectFailed(() -> local.fetch(base + "/r0", three));              // four hops
    expectFailed(() -> local.fetch(base + "/loop", three));
    expectFailed(() -> local.fetch(base + "/r3", RULES));              // no redirects allowed
    FetchRules allowListed = three.allowOnly(Set.of(Origin.parse(base)));
    expectFailed(() -> local.fetch(base + "/elsewhere", allowListed)); // the hop leaves the allow-list
    assertThat(http.hits("/r4")).isEqualTo(1);
    // A strict fetcher never follows a hop to a private address.
    dns.put("cert.test", List.of("8.8.8.8"));
    connections.clear();
    expectFailed(() -> strict.fetch("https://cert.test/away", three));
    assertThat(connections).extracting(a -> a.getAddress().getHostAddress()).containsOnly("8.8.8.8");
  }

  @Test
  void everyFailureAfterConnectingHasOneIdAndOneText() throws Exception {
    TestHttp http = serve()
        .route("/missing", ex -> TestHttp.send(ex, 404, "text/plain", "no"))
        .route("/secret", ex -> TestHttp.send(ex, 401, "text/plain", "who are you"))
        .route("/broken", ex -> TestHttp.send(ex, 500, "text/plain", "oops"))
        .route("/big", ex -> TestHttp.send(ex, 200, "application/json", "x".repeat(2000)))
        .route("/html", ex -> TestHttp.send(ex, 200, "text/html", "<p>"));
    String base = "http://cert.test:" + http.port();
    FetchRules json = RULES.expect("application/json").maxBytes(1000);
    List<String> texts = new ArrayList<>();
    for (String url : List.of(base + "/missing", base + "/secret", base + "/broken", base + "/big", base + "/html",
        "http://cert.test:" + TestHttp.closedPort() + "/x", "http://unknown.test/x")) {
      VesperException e = expectFailed(() -> local.fetch(url, json));
      texts.add(e.getMessage());
    }
    assertThat(texts).containsOnly("the test document could not be fetched");
  }

  @Test
  void bodiesAreBoundedWhateverTheFraming() throws Exception {
    String huge = "y".repeat(5000);
    ServerSocket chunked = raw("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1388\r\n" + huge + "\r\n0\r\n\r\n");
    ServerSocket closeDelimited = raw("HTTP/1.1 200 OK\r\n\r\n" + huge);
    ServerSocket lying = raw("HTTP/1.1 200 OK\r\nContent-Length: 99999999999\r\n\r\n" + huge);
    ServerSocket okChunked = raw("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n");
    ServerSocket gzip = raw("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: 2\r\n\r\nhi");
    ServerSocket garbage = raw("SSH-2.0-OpenSSH_9.6\r\n");
    FetchRules small = RULES.maxBytes(1000);
    for (ServerSocket s : List.of(chunked, closeDelimited, lying, gzip, garbage)) {
      expectFailed(() -> local.fetch("http://cert.test:" + s.getLocalPort() + "/", small));
    }
    assertThat(local.fetch("http://cert.test:" + okChunked.getLocalPort() + "/", small).text()).isEqualTo("hello world");
  }

  @Test
  void aServerDrippingBytesIsCutOffAtTheTimeLimit() throws Exception {
    ServerSocket drip = TestHttp.raw(out -> {
      for (int i = 0; i < 100; i++) {
        out.write("HTTP/1.1 200 OK\r\n".getBytes(StandardCharsets.US_ASCII), i % 17, 1);
        out.flush();
        Thread.sleep(100);
      }
    });
    servers.add(drip);
    expectFailed(() -> local.fetch("http://cert.test:" + drip.getLocalPort() + "/", RULES.timeout(Duration.ofMillis(400))));
  }

  @Test
  void aFailureIsRememberedForTheRulesPeriod() throws Exception {
    TestHttp http = serve().route("/flaky", ex -> TestHttp.send(ex, 503, "text/plain", "later"));
    FetchRules remember = RULES.rememberFailuresFor(Duration.ofSeconds(30));
    String url = "http://cert.test:" + http.port() + "/flaky";
    expectFailed(() -> local.fetch(url, remember));
    expectFailed(() -> local.fetch(url, remember));
    assertThat(http.hits("/flaky")).isEqualTo(1);
    clock.advance(Duration.ofSeconds(31));
    expectFailed(() -> local.fetch(url, remember));
    assertThat(http.hits("/flaky")).isEqualTo(2);
  }

  @Test
  void anExchangePostsItsBodyAndReturnsWhateverStatusCame() throws Exception {
    List<String> seen = new CopyOnWriteArrayList<>();
    TestHttp http = serve()
        .route("/token", ex -> {
          seen.add(ex.getRequestMethod() + " " + ex.getRequestHeaders().getFirst("Content-Type") + " "
              + ex.getRequestHeaders().getFirst("DPoP") + " " + new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          TestHttp.send(ex, 400, "application/json", "{\"error\":\"invalid_grant\"}");
        })
        .route("/moved", ex -> TestHttp.redirect(ex, 302, "/token"));
    String base = "http://cert.test:" + http.port();
    Fetched answer = local.exchange("POST", base + "/token", Map.of("Content-Type", "application/x-www-form-urlencoded", "DPoP", "proof"),
        "grant_type=x".getBytes(StandardCharsets.US_ASCII), RULES);
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.mediaType()).isEqualTo("application/json");
    assertThat(answer.text()).contains("invalid_grant");
    assertThat(seen).containsExactly("POST application/x-www-form-urlencoded proof grant_type=x");
    Fetched moved = local.exchange("GET", base + "/moved", Map.of(), null, RULES.followRedirects(3));
    assertThat(moved.status()).as("an exchange never follows a redirect").isEqualTo(302);
    assertThat(http.hits("/token")).isEqualTo(1);
    // The same refusals as a fetch, before any connection.
    connections.clear();
    for (String url : List.of("http://public.test/x", "https://intranet.test/x", "https://127.0.0.1/x")) {
      assertThatThrownBy(() -> strict.exchange("POST", url, Map.of(), new byte[0], RULES)).as(url)
          .extracting(e -> ((VesperException) e).code()).isEqualTo(ErrorCode.FETCH_REFUSED);
    }
    assertThat(connections).isEmpty();
    assertThatThrownBy(() -> local.exchange("DELETE", base + "/token", Map.of(), null, RULES)).isInstanceOf(IllegalArgumentException.class);
    expectFailed(() -> local.exchange("POST", base + "/token", Map.of("X-Evil", "a\r\nInjected: 1"), new byte[0], RULES));
  }

  private TestHttp serve() throws IOException {
    TestHttp http = new TestHttp();
    servers.add(http);
    return http;
  }

  private ServerSocket raw(String response) throws IOException {
    ServerSocket s = TestHttp.raw(out -> out.write(response.getBytes(StandardCharsets.US_ASCII)));
    servers.add(s);
    return s;
  }

  private interface Fetch {
    void run() throws Exception;
  }

  private static VesperException expectFailed(Fetch fetch) {
    try {
      fetch.run();
    } catch (VesperException e) {
      assertThat(e.code()).as(e.getMessage()).isEqualTo(ErrorCode.FETCH_FAILED);
      return e;
    } catch (Exception e) {
      throw new AssertionError("not a VesperException", e);
    }
    throw new AssertionError("fetched although it should have failed");
  }
}
