package dev.vesper.issuer;

import static dev.vesper.issuer.IssuerHarness.expect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vesper.core.crypto.PublicJwk;
import dev.vesper.core.crypto.Signer;
import dev.vesper.core.crypto.SigningKey;
import dev.vesper.core.crypto.TrustedKeys;
import dev.vesper.core.sdjwt.Limits;
import dev.vesper.core.sdjwt.SdJwt;
import dev.vesper.core.status.StatusListToken;
import dev.vesper.server.store.Pkcs11SigningKeys;
import dev.vesper.server.store.Pkcs11Token;
import dev.vesper.server.testing.Api;
import dev.vesper.server.testing.SoftHsm;
import dev.vesper.verifier.PresentationVerifier;
import dev.vesper.verifier.Verification;
import dev.vesper.verifier.VerificationPolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The issuer's signing key: rotation keeps old keys published while their tokens live; x5c; PKCS#11. */
class IssuerKeysTest {
  private static final String AUD = "https://verifier.example";

  @TempDir
  Path dir;

  @Test
  @SuppressWarnings("unchecked")
  void aRotatedKeyStaysPublishedWhileItsTokensLive() throws Exception {
    SigningKey first = SigningKey.generate(new SecureRandom(), "issuer-2026-a");
    SigningKey second = SigningKey.generate(new SecureRandom(), "issuer-2026-b");
    String oldToken;
    SigningKey oldHolder = IssuerHarness.newHolderKey();
    try (IssuerHarness h = harness(first, List.of())) {
      oldToken = issue(h, oldHolder);
    }
    try (IssuerHarness h = harness(second, List.of("MIIBfake-chain-for-header-test"))) {
      Map<String, Object> jwks = expect(h.operator.get("/jwks.json"), 200).body();
      assertThat(kids(jwks)).containsExactly("issuer-2026-b", "issuer-2026-a");
      assertThat(kids((Map<String, Object>) expect(h.operator.get("/.well-known/jwt-vc-issuer"), 200).body().get("jwks")))
          .containsExactly("issuer-2026-b", "issuer-2026-a");
      TrustedKeys published = TrustedKeys.parse(expect(h.operator.get("/jwks.json"), 200).raw().body());
      assertThat(verify(oldToken, oldHolder, published).failure()).as("a token signed before the rotation still verifies").isEmpty();
      SigningKey holder = IssuerHarness.newHolderKey();
      String newToken = issue(h, holder);
      SdJwt parsed = SdJwt.parse(newToken, Limits.DEFAULT);
      assertThat(parsed.issuerJwt().header()).containsEntry("kid", "issuer-2026-b")
          .containsEntry("x5c", List.of("MIIBfake-chain-for-header-test"));
      assertThat(verify(newToken, holder, published).failure()).isEmpty();
    }
  }

  /** SD-JWT VC -19: key material is cached by HTTP caching rules, so the metadata says for how long. */
  @Test
  void theIssuerMetadataAndKeySetAreCacheable() throws Exception {
    try (IssuerHarness h = harness(SigningKey.generate(new SecureRandom(), "issuer-cache"), List.of())) {
      for (String path : List.of("/.well-known/jwt-vc-issuer", "/jwks.json")) {
        assertThat(expect(h.operator.get(path), 200).raw().headers().firstValue("Cache-Control"))
            .as(path).hasValueSatisfying(v -> assertThat(v).matches("(public, )?max-age=\\d+"));
      }
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void aPkcs11KeySignsTokensAndStatusLists() throws Exception {
    SoftHsm.freshToken("issuer-keys");
    Pkcs11SigningKeys keys = new Pkcs11SigningKeys(Pkcs11Token.login(SoftHsm.LIBRARY, 0, SoftHsm.PIN.toCharArray()));
    try (IssuerHarness h = harness(keys.generate("issuer-signing"), List.of())) {
      SigningKey holder = IssuerHarness.newHolderKey();
      String token = issue(h, holder);
      TrustedKeys published = TrustedKeys.parse(expect(h.operator.get("/jwks.json"), 200).raw().body());
      assertThat(published.keys()).hasSize(1);
      PublicJwk key = published.keys().get(0);
      assertThat(key.kid()).hasValue(key.thumbprint());
      assertThat(verify(token, holder, published).failure()).isEmpty();
      Map<String, Object> ref = (Map<String, Object>) ((Map<String, Object>) SdJwt.parse(token, Limits.DEFAULT).issuerJwt().payload()
          .get("status")).get("status_list");
      String uri = (String) ref.get("uri");
      String list = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(uri)).build(),
          BodyHandlers.ofString()).body();
      assertThat(StatusListToken.verify(list, uri, published, Instant.now(), Duration.ofSeconds(60))
          .list().get((Long) ref.get("idx"))).isZero();
    }
  }

  private IssuerHarness harness(Signer key, List<String> x5c) throws Exception {
    return new IssuerHarness("sqlite", dir, Duration.ofSeconds(60), Clock.systemUTC(), Duration.ofDays(365), key, x5c);
  }

  private static String issue(IssuerHarness h, SigningKey holder) {
    Api acme = h.register(IssuerHarness.ACME);
    h.vet(acme);
    return (String) expect(acme.post("/v1/entities/" + acme.tenantId() + "/tokens",
        Map.of("proofs", List.of(h.proof(holder, h.nonce(acme))))), 201).list("tokens").get(0).get("token");
  }

  private static Verification verify(String token, SigningKey holder, TrustedKeys keys) throws Exception {
    return PresentationVerifier.create().check(IssuanceJourneyTest.present(token, holder, List.of("name")),
        VerificationPolicy.builder(keys).expectAudience(AUD).expectNonce("n-1").build());
  }

  @SuppressWarnings("unchecked")
  private static List<Object> kids(Map<String, Object> jwks) {
    return ((List<Map<String, Object>>) jwks.get("keys")).stream().map(k -> k.get("kid")).toList();
  }
}
