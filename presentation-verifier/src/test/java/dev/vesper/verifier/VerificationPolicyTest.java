package dev.vesper.verifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vesper.core.crypto.TrustedKeys;
import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.testing.ErrorCodes;
import dev.vesper.core.testing.Fixtures;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Strict defaults, contradictions refused at build time, and the == boundary of every time check. */
class VerificationPolicyTest {
  private static final TrustedKeys ISSUER = TrustedKeys.of(Fixtures.issuerKey().publicJwk());

  private static VerificationPolicy at(long epochSecond) {
    return VerificationPolicy.builder(ISSUER)
        .expectAudience(Forge.AUD)
        .expectNonce(Forge.NONCE)
        .clock(Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC))
        .build();
  }

  @Test
  void keyBindingWithoutAnAudienceAndANonceIsRefusedAtBuild() {
    assertThatThrownBy(() -> VerificationPolicy.builder(ISSUER).build()).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aNonceWithoutKeyBindingIsRefusedAtBuild() {
    assertThatThrownBy(() -> VerificationPolicy.builder(ISSUER).withoutKeyBinding().expectNonce("n").build())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void missingExpiryUnderTheVesperProfileIsRefusedAtBuild() {
    assertThatThrownBy(() -> VerificationPolicy.builder(ISSUER).withoutKeyBinding().allowMissingExpiry().build())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aSkewOverFiveMinutesIsRefused() {
    assertThatThrownBy(() -> VerificationPolicy.builder(ISSUER).clockSkew(Duration.ofMinutes(6)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anotherIssuerTypUnderTheVesperProfileIsRefusedAtBuild() {
    assertThatThrownBy(() -> VerificationPolicy.builder(ISSUER).withoutKeyBinding().expectIssuerTyp("JWT").build())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void byDefaultKeyBindingAndTheVesperProfileAreRequired() {
    VerificationPolicy p = at(0);
    assertThat(p.keyBindingRequired()).isTrue();
    assertThat(p.profile()).isEqualTo(Profile.VESPER);
  }

  @Test
  void keyBindingAgeBoundaryIsInclusive() throws Exception {
    long kbIat = Fixtures.NOW.getEpochSecond();
    String vp = Forge.build(Map.of());
    assertThat(PresentationVerifier.create().verify(vp, at(kbIat + 300)).claims()).containsKey("name");
    assertThat(ErrorCodes.of(() -> PresentationVerifier.create().verify(vp, at(kbIat + 301))))
        .isEqualTo(ErrorCode.KB_IAT_OUT_OF_WINDOW);
    assertThat(PresentationVerifier.create().verify(vp, at(kbIat - 60)).claims()).containsKey("name");
    assertThat(ErrorCodes.of(() -> PresentationVerifier.create().verify(vp, at(kbIat - 61))))
        .isEqualTo(ErrorCode.KB_IAT_OUT_OF_WINDOW);
  }

  @Test
  void expiryBoundaryHonoursTheSkew() throws Exception {
    long exp = Fixtures.NOW.getEpochSecond() + 100;
    String vp = Forge.build(Map.of("claims", Map.of("exp", exp), "kbPayload", Map.of("iat", exp)));
    assertThat(PresentationVerifier.create().verify(vp, at(exp + 59)).claims()).containsEntry("exp", exp);
    assertThat(ErrorCodes.of(() -> PresentationVerifier.create().verify(vp, at(exp + 60)))).isEqualTo(ErrorCode.VALIDITY_EXPIRED);
  }

  @Test
  void cachedIssuerSignatureOnlyCountsForTheKeyThatVerifiedIt() throws Exception {
    PresentationVerifier verifier = PresentationVerifier.create();
    String vp = Forge.build(Map.of());
    verifier.verify(vp, at(Fixtures.NOW.getEpochSecond()));
    // Same JWT bytes, but now the trusted key under that kid is another one: must verify again and fail.
    TrustedKeys other = TrustedKeys.of(Fixtures.attackerKey().publicJwk().withKid("test-key-1"));
    VerificationPolicy policy =
        VerificationPolicy.builder(other).expectAudience(Forge.AUD).expectNonce(Forge.NONCE).clock(Fixtures.clock()).build();
    assertThat(ErrorCodes.of(() -> verifier.verify(vp, policy))).isEqualTo(ErrorCode.ISSUER_SIGNATURE_INVALID);
  }

  @Test
  void signatureCacheStaysBounded() {
    IssuerSignatureCache cache = new IssuerSignatureCache(3);
    for (int i = 0; i < 10; i++) {
      cache.remember("h" + i, "t");
    }
    assertThat(cache.size()).isLessThanOrEqualTo(3);
    assertThat(cache.verified("h9", "t")).isTrue();
    assertThat(cache.verified("h9", "other")).isFalse();
  }
}
