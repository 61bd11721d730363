package dev.vesper.verifier.fuzz;

import static dev.vesper.core.testing.Fuzz.require;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vesper.core.crypto.TrustedKeys;
import dev.vesper.core.testing.Fixtures;
import dev.vesper.core.testing.Fuzz;
import dev.vesper.core.testing.FuzzSdJwt;
import dev.vesper.verifier.PresentationVerifier;
import dev.vesper.verifier.Profile;
import dev.vesper.verifier.VerificationPolicy;
import dev.vesper.verifier.VerifiedPresentation;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * SD-JWT+KB presentations through the one verifying door, as the verifier's HTTP API and the STI-VS
 * receive them (network-facing). Input: {@link FuzzSdJwt} (issuer JWT and KB-JWT signed with the
 * fixture keys, so every stage is reached). Invariants: only {@code VesperException}; a verified
 * presentation carries no SD-JWT machinery; the issuer-signature cache never changes a verdict; the
 * generic profile accepts whatever the VESPER profile accepts.
 */
class PresentationFuzzTest {
  static final String AUD = "https://verifier.example";
  static final String NONCE = "nonce-1";
  private static final PresentationVerifier CACHED = PresentationVerifier.create();
  private static final PresentationVerifier UNCACHED = PresentationVerifier.withoutSignatureCache();
  private static final VerificationPolicy VESPER = policy(Profile.VESPER);
  private static final VerificationPolicy GENERIC = policy(Profile.GENERIC);

  @FuzzTest
  void verify(byte[] data) {
    String presentation = FuzzSdJwt.build(Fuzz.utf8(data));
    Optional<VerifiedPresentation> verified = Fuzz.attempt(() -> UNCACHED.verify(presentation, VESPER));
    for (int i = 0; i < 2; i++) {
      require(Fuzz.attempt(() -> CACHED.verify(presentation, VESPER)).isPresent() == verified.isPresent(),
          "the issuer-signature cache never changes a verdict");
    }
    Optional<VerifiedPresentation> generic = Fuzz.attempt(() -> UNCACHED.verify(presentation, GENERIC));
    verified.ifPresent(v -> {
      require(generic.isPresent(), "the generic profile accepts what the VESPER profile accepts");
      require(!v.claims().containsKey("_sd") && !v.claims().containsKey("_sd_alg"), "no SD-JWT machinery in verified claims");
      require(v.holderKey().isPresent(), "a key-bound presentation names its holder key");
    });
  }

  /** The seed corpus starts from presentations that verify, so the fuzzer mutates from deep inside. */
  @Test
  void theValidSeedsVerify() throws Exception {
    for (String seed : new String[] {"seed-valid", "seed-raw-valid", "seed-nested-address"}) {
      try (var in = getClass().getResourceAsStream("PresentationFuzzTestInputs/verify/" + seed)) {
        String presentation = FuzzSdJwt.build(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        UNCACHED.verify(presentation, VESPER);
      }
    }
  }

  private static VerificationPolicy policy(Profile profile) {
    return VerificationPolicy.builder(TrustedKeys.of(Fixtures.issuerKey().publicJwk()))
        .clock(Fixtures.clock())
        .profile(profile)
        .expectAudience(AUD)
        .expectNonce(NONCE)
        .build();
  }
}
