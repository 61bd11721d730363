package dev.vesper.verifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.vesper.core.crypto.PublicJwk;
import dev.vesper.core.crypto.TrustedKeys;
import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.json.Json;
import dev.vesper.core.testing.Fixtures;
import dev.vesper.core.testing.MutableClock;
import dev.vesper.server.fetch.OutboundFetcher;
import dev.vesper.server.fetch.Resolver;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code verifier serve --trusted-issuer URL}: an issuer's keys from its metadata at the SD-JWT VC
 * well-known URL, HTTP caching honoured, refetched on an unknown kid (rate-limited), a document naming
 * another issuer discarded. {@code issuer.test} resolves to loopback through a stub resolver.
 */
class RemoteIssuersTest {
  private final MutableClock clock = new MutableClock(Fixtures.NOW);
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final AtomicReference<String> served = new AtomicReference<>();
  private final AtomicReference<String> cacheControl = new AtomicReference<>("max-age=600");
  private HttpServer server;
  private String issuer;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    issuer = "http://issuer.test:" + server.getAddress().getPort() + "/tenant/1234";
    served.set(metadata(issuer, Fixtures.issuerKey().publicJwk()));
    server.createContext("/", ex -> {
      requests.add(ex.getRequestURI().getPath());
      byte[] body = served.get().getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.getResponseHeaders().set("Cache-Control", cacheControl.get());
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private RemoteIssuers trusting(String... names) {
    Resolver loopback = host -> List.of(InetAddress.getLoopbackAddress());
    return RemoteIssuers.of(List.of(names), TrustedKeys.of(List.of()), OutboundFetcher.create(loopback, clock).forLocalTesting(), clock);
  }

  @Test
  void theWellKnownUrlIsInsertedBetweenHostAndPath() {
    assertThat(RemoteIssuers.metadataUrl("https://example.com")).isEqualTo("https://example.com/.well-known/jwt-vc-issuer");
    assertThat(RemoteIssuers.metadataUrl("https://example.com/")).isEqualTo("https://example.com/.well-known/jwt-vc-issuer");
    assertThat(RemoteIssuers.metadataUrl("https://example.com/tenant/1234"))
        .isEqualTo("https://example.com/.well-known/jwt-vc-issuer/tenant/1234");
    assertThat(RemoteIssuers.metadataUrl("https://example.com/tenant/1234/"))
        .isEqualTo("https://example.com/.well-known/jwt-vc-issuer/tenant/1234");
    assertThat(RemoteIssuers.metadataUrl("https://example.com:8443/t")).isEqualTo("https://example.com:8443/.well-known/jwt-vc-issuer/t");
    for (String bad : List.of("https://example.com/t?x=1", "https://example.com/t#f", "ftp://example.com", "example.com", "https://u@example.com")) {
      assertThatThrownBy(() -> RemoteIssuers.metadataUrl(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void keysComeFromTheMetadataAndVerifyOnlyThatIssuersTokens() throws Exception {
    RemoteIssuers trust = trusting(issuer);
    assertThat(trust.keyFor(issuer, "test-key-1")).isEqualTo(Fixtures.issuerKey().publicJwk());
    assertThat(requests).containsExactly("/.well-known/jwt-vc-issuer/tenant/1234");
    assertCode(() -> trust.keyFor("https://elsewhere.example", "test-key-1"), ErrorCode.ISSUER_MISMATCH);
    assertThat(trust.keysOf(issuer).keys()).containsExactly(Fixtures.issuerKey().publicJwk());
    // A token that names this issuer and a verifier-wide policy: the whole verifier path.
    Map<String, Object> recipe = Fixtures.json("{\"claims\": {\"iss\": \"" + issuer + "\"}}");
    VerificationPolicy policy = VerificationPolicy.builder(trust).clock(Fixtures.clock()).expectAudience(Forge.AUD).expectNonce(Forge.NONCE).build();
    assertThat(PresentationVerifier.create().check(Forge.build(recipe), policy).verified()).isPresent();
    Verification other = PresentationVerifier.create().check(Forge.build(Map.of()), policy);
    assertThat(other.failure()).get().extracting(VesperException::code).isEqualTo(ErrorCode.ISSUER_MISMATCH);
  }

  @Test
  void httpCachingDecidesWhenToRefetchAndAnUnknownKidRefetchesAtOnce() throws Exception {
    RemoteIssuers trust = trusting(issuer);
    trust.keyFor(issuer, "test-key-1");
    clock.advance(Duration.ofSeconds(599));
    trust.keyFor(issuer, "test-key-1");
    assertThat(requests).hasSize(1);
    clock.advance(Duration.ofSeconds(2));
    trust.keyFor(issuer, "test-key-1");
    assertThat(requests).as("max-age=600 passed").hasSize(2);

    // The issuer rotates in a new key: a token naming it makes the verifier refetch now.
    PublicJwk rotated = Fixtures.attackerKey().publicJwk();
    served.set(metadata(issuer, Fixtures.issuerKey().publicJwk(), rotated));
    clock.advance(Duration.ofSeconds(61));
    assertThat(trust.keyFor(issuer, rotated.kid().orElseThrow())).isEqualTo(rotated);
    assertThat(requests).hasSize(3);
    // Random kids cannot make it fetch at will: at most one refetch a minute.
    for (int i = 0; i < 5; i++) {
      assertCode(() -> trust.keyFor(issuer, "random-" + System.nanoTime()), ErrorCode.ISSUER_UNKNOWN_KEY);
    }
    assertThat(requests).hasSize(3);

    cacheControl.set("no-store");
    clock.advance(Duration.ofHours(1));
    trust.keyFor(issuer, "test-key-1");
    clock.advance(Duration.ofSeconds(30));
    trust.keyFor(issuer, "test-key-1");
    assertThat(requests).as("no-store counts as the one-minute floor").hasSize(4);
  }

  @Test
  void aDocumentNamingAnotherIssuerIsDiscarded() throws Exception {
    served.set(metadata(issuer + "/", Fixtures.issuerKey().publicJwk()));
    RemoteIssuers trust = trusting(issuer);
    assertThat(trust.prefetch()).hasSize(1);
    assertCode(() -> trust.keyFor(issuer, "test-key-1"), ErrorCode.ISSUER_UNKNOWN_KEY);
  }

  @Test
  void theLastGoodCopyAnswersWhileTheIssuerIsUnreachable() throws Exception {
    RemoteIssuers trust = trusting(issuer);
    trust.keyFor(issuer, "test-key-1");
    server.stop(0);
    clock.advance(Duration.ofHours(2));
    assertThat(trust.keyFor(issuer, "test-key-1")).isEqualTo(Fixtures.issuerKey().publicJwk());
    clock.advance(Duration.ofDays(1));
    assertCode(() -> trust.keyFor(issuer, "test-key-1"), ErrorCode.ISSUER_UNKNOWN_KEY);
  }

  @Test
  void aStrictFetcherNeverFetchesPlainHttpOrLoopbackMetadata() {
    Resolver loopback = host -> List.of(InetAddress.getLoopbackAddress());
    RemoteIssuers strict = RemoteIssuers.of(List.of(issuer), TrustedKeys.of(List.of()), OutboundFetcher.create(loopback, clock), clock);
    assertThat(strict.prefetch()).singleElement().asString().contains("fetch.refused");
    assertThat(requests).isEmpty();
  }

  static String metadata(String issuer, PublicJwk... keys) {
    return Json.write(Map.of("issuer", issuer, "jwks", Map.of("keys", Arrays.stream(keys).map(PublicJwk::toJson).toList())));
  }

  private static void assertCode(ThrowingCallable call, ErrorCode code) {
    assertThatThrownBy(call).isInstanceOf(VesperException.class).extracting(e -> ((VesperException) e).code()).isEqualTo(code);
  }
}
