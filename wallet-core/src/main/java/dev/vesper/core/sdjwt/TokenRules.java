package dev.vesper.core.sdjwt;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The rules a token profile adds to RFC 9901, as {@link SdJwtVerifier} applies them: the issuer JWT's
 * {@code typ}, whether {@code _sd_alg} must be declared, whether {@code exp} is required, and the
 * profile's own claim check. Either a {@linkplain #profile profile} (typ fixed, {@code _sd_alg} and
 * {@code exp} required, a claim check) or a {@linkplain #generic generic} SD-JWT (RFC 9901 alone).
 * Immutable and thread-safe.
 *
 * <pre>{@code
 * TokenRules vesper = VesperProfile.RULES;
 * TokenRules rfc = TokenRules.generic(null, TokenRules.Expiry.REQUIRED);
 * }</pre>
 */
public final class TokenRules {
  /** Whether a token must carry {@code exp} (RFC 7519 leaves it optional; a profile may not). */
  public enum Expiry {
    /** A token without {@code exp} is refused ({@code validity.bad_claim}). */
    REQUIRED,
    /** A token without {@code exp} never expires. */
    OPTIONAL
  }

  /**
   * A profile's claim rules, run on a token whose signature, disclosures and validity have passed.
   *
   * @see #profile
   */
  @FunctionalInterface
  public interface ClaimCheck {
    /**
     * Checks {@code claims} (the processed payload: disclosures applied, digests gone) against the profile;
     * {@code signedPayload} is the issuer JWT payload as signed, {@code disclosed} where each presented
     * disclosure went.
     */
    void check(Map<String, Object> signedPayload, Map<String, Object> claims, List<DisclosedClaim> disclosed)
        throws VesperException;
  }

  private final String issuerTyp;
  private final SdAlg sdAlg;
  private final Expiry expiry;
  private final ClaimCheck claimCheck;

  private TokenRules(String issuerTyp, SdAlg sdAlg, Expiry expiry, ClaimCheck claimCheck) {
    this.issuerTyp = issuerTyp;
    this.sdAlg = sdAlg;
    this.expiry = expiry;
    this.claimCheck = claimCheck;
  }

  /**
   * A token profile: the issuer JWT carries {@code typ} {@code issuerTyp}, declares {@code _sd_alg}
   * ({@code sha-256}), carries {@code exp}, and passes {@code claimCheck}.
   */
  public static TokenRules profile(String issuerTyp, ClaimCheck claimCheck) {
    Objects.requireNonNull(issuerTyp, "issuerTyp == null");
    Objects.requireNonNull(claimCheck, "claimCheck == null");
    return new TokenRules(issuerTyp, SdAlg.DECLARED, Expiry.REQUIRED, claimCheck);
  }

  /**
   * Any RFC 9901 SD-JWT: {@code typ} as given ({@code null}: any, but never {@code kb+jwt}), an absent
   * {@code _sd_alg} meaning {@code sha-256}, {@code exp} as {@code expiry} says, no claim check.
   */
  public static TokenRules generic(String issuerTyp, Expiry expiry) {
    return new TokenRules(issuerTyp, SdAlg.SHA_256_WHEN_ABSENT, Objects.requireNonNull(expiry, "expiry == null"), null);
  }

  /** The {@code typ} the issuer JWT must carry, or null when any is accepted. */
  String issuerTyp() {
    return issuerTyp;
  }

  SdAlg sdAlg() {
    return sdAlg;
  }

  Expiry expiry() {
    return expiry;
  }

  /** True when these rules are a profile's (with a claim check to run). */
  boolean hasClaimCheck() {
    return claimCheck != null;
  }

  void checkClaims(Map<String, Object> signedPayload, ProcessedPayload processed) throws VesperException {
    claimCheck.check(signedPayload, processed.claims(), processed.disclosed());
  }

  /** How {@code _sd_alg} is read (RFC 9901 §4.1.1); only {@code sha-256} is ever accepted. */
  enum SdAlg {
    /** {@code _sd_alg} must be present and be {@code sha-256} (a profile's rule). */
    DECLARED,
    /** An absent {@code _sd_alg} means {@code sha-256}, as RFC 9901 allows; a present one must be it. */
    SHA_256_WHEN_ABSENT;

    /** The only {@code _sd_alg} value accepted (BRIEF: SHA-256 only). */
    static final String SHA_256 = "sha-256";
    static final String CLAIM = "_sd_alg";

    void check(Map<String, Object> payload) throws VesperException {
      Object alg = payload.get(CLAIM);
      if (alg == null) {
        if (this == DECLARED || payload.containsKey(CLAIM)) {
          throw new VesperException(ErrorCode.DISCLOSURE_BAD_SD_ALG, "_sd_alg must be present and be sha-256");
        }
        return;
      }
      if (!SHA_256.equals(alg)) {
        throw new VesperException(ErrorCode.DISCLOSURE_BAD_SD_ALG,
            "_sd_alg " + (alg instanceof String s ? "'" + abbreviate(s) + "'" : "(not a string)") + " is not supported; only sha-256");
      }
    }

    private static String abbreviate(String s) {
      return s.length() > 24 ? s.substring(0, 24) + "…" : s;
    }
  }
}
