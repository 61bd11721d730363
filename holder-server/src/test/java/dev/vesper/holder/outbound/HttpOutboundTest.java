package dev.vesper.holder.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.server.fetch.OutboundFetcher;
import dev.vesper.server.fetch.Resolver;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The wallet's outbound calls follow the shared fetcher's rules (a stub resolver: no real name is ever
 * looked up, and nothing but loopback is ever connected to): refusals before any connection keep the
 * wallet's error id, OAuth error answers come back as data, and the local-testing relaxation is the
 * fetcher's.
 */
class HttpOutboundTest {
  private static final Map<String, String> DNS = Map.of(
      "issuer.test", "127.0.0.1",
      "intranet.test", "10.1.2.3",
      "metadata.test", "169.254.169.254");
  private static final Resolver STUB = host -> {
    String a = DNS.get(host);
    if (a == null) {
      throw new UnknownHostException(host);
    }
    return List.of(InetAddress.getByName(a));
  };

  private final HttpOutbound strict = HttpOutbound.over(OutboundFetcher.create(STUB, Clock.systemUTC()));
  private final HttpOutbound local = HttpOutbound.over(OutboundFetcher.create(STUB, Clock.systemUTC()).forLocalTesting());

  @Test
  void aWalletRefusesInternalPlainAndFragmentUrlsBeforeConnecting() {
    for (String url : List.of("https://intranet.test/.well-known/openid-credential-issuer", "https://metadata.test/latest",
        "https://issuer.test/offer", "http://issuer.test/offer", "https://127.0.0.1/x", "https://issuer.test/x#frag",
        "file:///etc/passwd")) {
      assertThatThrownBy(() -> strict.get(URI.create(url), "application/json")).as(url)
          .isInstanceOf(VesperException.class)
          .extracting(e -> ((VesperException) e).code()).isEqualTo(ErrorCode.OID4VC_FETCH_REFUSED);
    }
  }

  @Test
  void errorAnswersAreDataAndAnUnreachablePeerIsUnavailable() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/token", ex -> {
      byte[] in = ex.getRequestBody().readAllBytes();
      byte[] out = ("{\"error\":\"invalid_grant\",\"got\":\"" + new String(in, StandardCharsets.UTF_8) + "\"}").getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.sendResponseHeaders(400, out.length);
      ex.getResponseBody().write(out);
      ex.close();
    });
    server.start();
    try {
      URI token = URI.create("http://issuer.test:" + server.getAddress().getPort() + "/token");
      Outbound.Response r = local.post(token, "application/x-www-form-urlencoded", "code=1".getBytes(StandardCharsets.US_ASCII), Map.of());
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.ok()).isFalse();
      assertThat(r.contentType()).startsWith("application/json");
      assertThat(r.text()).contains("invalid_grant").contains("code=1");
    } finally {
      server.stop(0);
    }
    assertThatThrownBy(() -> local.get(URI.create("http://issuer.test:1/nothing"), "application/json"))
        .extracting(e -> ((VesperException) e).code()).isEqualTo(ErrorCode.OID4VC_PEER_UNAVAILABLE);
  }
}
