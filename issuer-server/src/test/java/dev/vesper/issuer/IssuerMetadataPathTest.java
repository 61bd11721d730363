package dev.vesper.issuer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vesper.core.crypto.TrustedKeys;
import dev.vesper.core.sdjwt.Randomness;
import dev.vesper.core.testing.Fixtures;
import dev.vesper.issuer.vetting.TrustedSources;
import dev.vesper.verifier.RemoteIssuers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An issuer identifier with a path: the metadata is also served where SD-JWT VC says verifiers look
 * ({@code /.well-known/jwt-vc-issuer/<path>}), and names the identifier, so it is a trust file as is.
 */
class IssuerMetadataPathTest {
  @TempDir Path dir;

  @Test
  void theMetadataIsAtTheWellKnownUrlDerivedFromTheIdentifier() throws Exception {
    String identifier = "https://issuer.example/tenant/7";
    try (IssuerServer server = IssuerServer.start(new IssuerConfig("127.0.0.1", 0, dir, null, identifier, IssuerHarness.ADMIN_KEY,
        Fixtures.issuerKey(), List.of(), TrustedSources.none(), TrustedSources.none(), Duration.ofDays(365), Duration.ofDays(30),
        Duration.ofSeconds(60), 1000, 1000, Clock.systemUTC(), Randomness.secure()))) {
      String path = URI.create(RemoteIssuers.metadataUrl(identifier)).getRawPath();
      assertThat(path).isEqualTo("/.well-known/jwt-vc-issuer/tenant/7");
      for (String p : List.of(path, "/.well-known/jwt-vc-issuer")) {
        HttpResponse<String> r = HttpClient.newHttpClient().send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + p)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(p).isEqualTo(200);
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("max-age=300");
        TrustedKeys trust = TrustedKeys.parse(r.body());
        assertThat(trust.issuers()).containsExactly(identifier);
        assertThat(trust.keyFor(identifier, null).sameKeyAs(Fixtures.issuerKey().publicJwk())).isTrue();
      }
    }
  }
}
