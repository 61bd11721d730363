package dev.vesper.verifier.stir;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.vesper.core.crypto.TrustedKeys;
import dev.vesper.core.phone.TelephoneNumber;
import dev.vesper.core.stir.Pem;
import dev.vesper.core.stir.SpcDirectory;
import dev.vesper.core.stir.StiCredentials;
import dev.vesper.core.testing.Fixtures;
import dev.vesper.server.fetch.Origin;
import dev.vesper.server.fetch.OutboundFetcher;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 item 4: the STI-VS fetches an x5u only for a parsed, fresh PASSporT of this very call, only
 * from an allow-listed origin (scheme, host and port), and its answers do not tell one fetch failure from
 * another.
 */
class X5uFetchOrderTest {
  private final List<String> fetched = new CopyOnWriteArrayList<>();

  private StirVerifier recording() {
    return StirVerifier.builder(StiCredentials.trusting(List.of(StirCalls.PKI.root()), SpcDirectory.none()),
        TrustedKeys.of(Fixtures.issuerKey().publicJwk())).fetchX5u(uri -> {
          fetched.add(uri);
          return StirCalls.CARRIER.x5c();
        }).build();
  }

  @Test
  void nothingIsFetchedForAMalformedStaleOrForeignPassport() throws Exception {
    StirVerifier vs = recording();
    expect(vs, shaken(c -> c.iat = Instant.now().getEpochSecond() - 600), "stir.stale");
    expect(vs, shaken(c -> c.iat = Instant.now().getEpochSecond() + 600), "stir.stale");
    expect(vs, shaken(c -> c.attest = "Z"), "stir.identity_malformed");
    StirCalls.Call foreign = shaken(c -> { });
    StirResult r = vs.verify(List.of(foreign.identity()), new TelephoneNumber("12025550199"), List.of(new TelephoneNumber("14155550123")));
    assertThat(r.error()).hasValue("stir.number_mismatch");
    assertThat(fetched).as("x5u fetched for a PASSporT that could never pass").isEmpty();
    expect(vs, shaken(c -> { }), null);
    assertThat(fetched).containsExactly(StirCalls.INFO);
  }

  @Test
  void onlyAnAllowListedOriginIsFetchedAndFailuresLookAlike() throws Exception {
    List<String> hits = new CopyOnWriteArrayList<>();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", ex -> {
      hits.add(ex.getRequestURI().getPath());
      String path = ex.getRequestURI().getPath();
      byte[] body = path.equals("/chain.pem") ? Pem.encode(StirCalls.CARRIER.x5c()).getBytes(StandardCharsets.US_ASCII)
          : "not a certificate".getBytes(StandardCharsets.US_ASCII);
      ex.sendResponseHeaders(path.equals("/secret.pem") ? 401 : 200, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    server.start();
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    try {
      String base = "http://cert.example:" + server.getAddress().getPort();
      OutboundFetcher fetcher = OutboundFetcher.create(HttpCertificateFetcherTest.STUB, Clock.systemUTC()).forLocalTesting();
      StirVerifier vs = StirVerifier.builder(StiCredentials.trusting(List.of(StirCalls.PKI.root()), SpcDirectory.none()),
          TrustedKeys.of(Fixtures.issuerKey().publicJwk())).fetchX5u(HttpCertificateFetcher.allowing(
              Set.of(Origin.parse(base), Origin.parse("http://cert.example:" + closed)), fetcher, Clock.systemUTC())).build();

      assertThat(verify(vs, base + "/chain.pem").passed()).isTrue();
      // The allow-listed host on a port nobody allowed: refused before any connection.
      StirResult otherPort = verify(vs, "http://cert.example:" + (server.getAddress().getPort() + 1) + "/chain.pem");
      assertThat(otherPort.toJson()).containsEntry("reasoncode", 436).containsEntry("error", "stir.bad_identity_info")
          .containsEntry("cause", "fetch.refused");
      assertThat(hits).containsExactly("/chain.pem");

      Set<Object> answers = new HashSet<>();
      for (String uri : List.of(base + "/secret.pem", base + "/text.pem", base + "/missing.pem", "http://cert.example:" + closed + "/x.pem")) {
        Map<String, Object> json = new LinkedHashMap<>(verify(vs, uri).toJson());
        assertThat(json).as(uri).containsEntry("reasoncode", 436).containsEntry("cause", "fetch.failed");
        answers.add(json);
      }
      assertThat(answers).as("a 401, a body without PEM, a 404 and a closed port answer the same").hasSize(1);
    } finally {
      server.stop(0);
    }
  }

  private StirResult verify(StirVerifier vs, String x5u) throws Exception {
    StirCalls.Call c = shaken(call -> {
      call.x5u = true;
      call.x5uUri = x5u;
      call.info = x5u;
    });
    return vs.verify(List.of(c.identity()), new TelephoneNumber(c.orig), List.of(new TelephoneNumber(c.dest.get(0))));
  }

  private void expect(StirVerifier vs, StirCalls.Call c, String error) throws Exception {
    StirResult r = vs.verify(List.of(c.identity()), new TelephoneNumber(c.orig), List.of(new TelephoneNumber(c.dest.get(0))));
    if (error == null) {
      assertThat(r.passed()).as(String.valueOf(r.toJson())).isTrue();
    } else {
      assertThat(r.error()).as(String.valueOf(r.toJson())).hasValue(error);
    }
  }

  private static StirCalls.Call shaken(Consumer<StirCalls.Call> change) {
    StirCalls.Call c = new StirCalls.Call();
    c.ppt = "shaken";
    c.x5u = true;
    change.accept(c);
    return c;
  }
}
