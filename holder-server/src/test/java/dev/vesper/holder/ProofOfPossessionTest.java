package dev.vesper.holder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vesper.core.crypto.PublicJwk;
import dev.vesper.core.jose.CompactJws;
import dev.vesper.server.testing.Api;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Proofs of possession for issuance, signed inside the service by the tenant's own key only. */
class ProofOfPossessionTest {
  @TempDir Path dir;

  @Test
  @SuppressWarnings("unchecked")
  void aProofIsSignedByTheKeyItNamesForTheIssuerAndNonceGiven() throws Exception {
    try (HolderHarness h = new HolderHarness("sqlite", dir)) {
      Api acme = h.tenant("Acme");
      Api other = h.tenant("Other");
      PublicJwk key = HolderHarness.newKey(acme);
      Api.Reply r = acme.post("/v1/keys/" + key.thumbprint() + "/proofs", Map.of("aud", "https://issuer.example", "nonce", "n-42"));
      assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
      CompactJws proof = CompactJws.parse(r.string("proof"), "proof");
      assertThat(proof.header()).containsEntry("alg", "ES256").containsEntry("typ", "openid4vci-proof+jwt");
      PublicJwk headerKey = PublicJwk.fromJson((Map<String, Object>) proof.header().get("jwk"));
      assertThat(headerKey.sameKeyAs(key)).isTrue();
      assertThat(key.verify(proof.signingInput(), proof.signature())).isTrue();
      assertThat(proof.payload()).containsEntry("aud", "https://issuer.example").containsEntry("nonce", "n-42");
      assertThat((Long) proof.payload().get("iat")).isBetween(Instant.now().getEpochSecond() - 60, Instant.now().getEpochSecond() + 1);

      Api.Reply foreign = other.post("/v1/keys/" + key.thumbprint() + "/proofs", Map.of("aud", "https://issuer.example", "nonce", "n"));
      assertThat(foreign.status()).isEqualTo(404);
      assertThat(foreign.error()).isEqualTo("request.not_found");
      assertThat(acme.post("/v1/keys/" + key.thumbprint() + "/proofs", Map.of("aud", "https://issuer.example")).error())
          .isEqualTo("request.bad_body");
    }
  }
}
