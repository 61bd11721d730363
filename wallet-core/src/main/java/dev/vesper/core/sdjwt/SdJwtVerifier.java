package dev.vesper.core.sdjwt;

import dev.vesper.core.crypto.IssuerTrust;
import dev.vesper.core.crypto.PublicJwk;
import dev.vesper.core.error.Check;
import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.jose.CompactJws;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The one verifying door for SD-JWTs (RFC 9901 §7): untrusted text becomes a trusted type only here.
 * Both the presentation verifier and the holder's import call it; the steps it runs
 * ({@code IssuerJwt}, {@code DisclosureProcessor}, {@code Validity}, {@code KeyBinding}) are
 * package-private. In the one order of {@link Check}, stopping at the first failure:
 *
 * <ol>
 *   <li>size and shape before decoding, then every part ({@link SdJwt#parse});
 *   <li>key binding present exactly as the {@link KeyBindingVerifier} says (for an issued token: absent);
 *   <li>the issuer JWT: ES256 only, no {@code crit}/{@code b64}, the rules' {@code typ} and never
 *       {@code kb+jwt}, the key trusted for its {@code iss} named by {@code kid}, the signature;
 *   <li>RFC 9901 §7.1 disclosure processing, {@code _sd_alg} as the {@link TokenRules} say;
 *   <li>{@code exp}, {@code nbf}, {@code iat} of the processed claims, with the skew;
 *   <li>the rules' claim check (a profile's);
 *   <li>the KB-JWT (§7.3) against the token's {@code cnf.jwk}.
 * </ol>
 *
 * What it does not check: the token's status, issuance receipts, the claims a caller requires, and
 * replay within the KB window; those are the caller's (the presentation verifier's policy).
 * Immutable and thread-safe.
 *
 * <pre>{@code
 * SdJwtVerifier door = SdJwtVerifier.builder(trustedIssuers, VesperProfile.RULES).clock(clock).build();
 * HolderToken kept = door.verifyIssued(issued);                     // a holder, on import
 * VerifiedSdJwt seen = door.verifyPresentation(presentation,         // a verifier, per call
 *     KeyBindingVerifier.mustBePresent(aud, nonce, Duration.ofMinutes(5)), VerificationSteps.NONE);
 * }</pre>
 */
public final class SdJwtVerifier {
  /** The clock skew tolerated unless configured otherwise. */
  public static final Duration DEFAULT_SKEW = Duration.ofSeconds(60);

  /** The largest skew accepted, so that no configuration turns the time checks off. */
  public static final Duration MAX_SKEW = Duration.ofMinutes(5);

  private final IssuerTrust trustedIssuers;
  private final TokenRules rules;
  private final Limits limits;
  private final long skewSeconds;
  private final Clock clock;

  private SdJwtVerifier(Builder b) {
    this.trustedIssuers = b.trustedIssuers;
    this.rules = b.rules;
    this.limits = b.limits;
    this.skewSeconds = b.skew.toSeconds();
    this.clock = b.clock;
  }

  /** A verifier trusting {@code trustedIssuers} under {@code rules}; limits, skew and clock have defaults. */
  public static Builder builder(IssuerTrust trustedIssuers, TokenRules rules) {
    return new Builder(trustedIssuers, rules);
  }

  /**
   * RFC 9901 §7.2: verifies an issued SD-JWT that a holder is about to keep, and returns the holder's
   * view of it. An issued token carries no KB-JWT.
   *
   * @throws VesperException {@link ErrorCode#PRESENTATION_NOT_AN_ISSUED_TOKEN} for one that does, else the
   *     code of the first failed check
   */
  public HolderToken verifyIssued(String issued) throws VesperException {
    Objects.requireNonNull(issued, "issued == null");
    SdJwt token = SdJwt.parse(issued, limits);
    if (token.keyBindingJwt().isPresent()) {
      throw new VesperException(ErrorCode.PRESENTATION_NOT_AN_ISSUED_TOKEN, "an issued SD-JWT must not carry a KB-JWT");
    }
    CompactJws jwt = token.issuerJwt();
    IssuerJwt.checkSignature(jwt, issuerKey(jwt));
    return new HolderToken(token, claims(token, clock.instant().getEpochSecond(), VerificationSteps.NONE));
  }

  /**
   * RFC 9901 §7.3: verifies a presentation with key binding as {@code keyBinding} demands, running
   * {@code steps}' additions at their places and reporting each check to it.
   *
   * @throws VesperException with the {@link ErrorCode} of the first failed check
   */
  public VerifiedSdJwt verifyPresentation(String presentation, KeyBindingVerifier keyBinding, VerificationSteps steps)
      throws VesperException {
    Objects.requireNonNull(presentation, "presentation == null");
    Objects.requireNonNull(keyBinding, "keyBinding == null");
    Objects.requireNonNull(steps, "steps == null");
    SdJwt token = SdJwt.parse(presentation, limits);
    steps.passed(Check.FORMAT);
    if (keyBinding.required() && token.keyBindingJwt().isEmpty()) {
      throw new VesperException(ErrorCode.KB_MISSING, "key binding is required and the presentation has no KB-JWT");
    }
    if (!keyBinding.required() && token.keyBindingJwt().isPresent()) {
      throw new VesperException(ErrorCode.KB_UNEXPECTED, "the presentation carries a KB-JWT the policy does not expect");
    }
    steps.passed(Check.KEY_BINDING_REQUIRED);
    CompactJws jwt = token.issuerJwt();
    PublicJwk issuerKey = issuerKey(jwt);
    steps.checkIssuerSignature(jwt, issuerKey);
    steps.passed(Check.ISSUER_SIGNATURE);
    steps.afterIssuerSignature(jwt, issuerKey);
    long now = clock.instant().getEpochSecond();
    ProcessedPayload processed = claims(token, now, steps);
    PublicJwk holderKey = null;
    if (keyBinding.required()) {
      holderKey = ConfirmationKey.of(jwt.payload());
      KeyBinding.verify(token.keyBindingJwt().orElseThrow(), holderKey, token.sdHashInput(), keyBinding, now, skewSeconds);
      steps.passed(Check.KEY_BINDING);
    } else {
      steps.notRequired(Check.KEY_BINDING);
    }
    return new VerifiedSdJwt(token, processed, issuerKey, holderKey);
  }

  /** The header checks and the trusted key for the issuer JWT (the signature is checked by the caller). */
  private PublicJwk issuerKey(CompactJws jwt) throws VesperException {
    IssuerJwt.checkHeader(jwt, rules.issuerTyp());
    return IssuerJwt.selectKey(jwt, trustedIssuers);
  }

  /** Disclosures, validity at {@code now} and the rules' claim check of a token whose issuer signature verified. */
  private ProcessedPayload claims(SdJwt token, long now, VerificationSteps steps) throws VesperException {
    Map<String, Object> signed = token.issuerJwt().payload();
    ProcessedPayload processed = DisclosureProcessor.process(token, limits, rules.sdAlg());
    steps.passed(Check.DISCLOSURES);
    Validity.check(processed.claims(), now, skewSeconds, rules.expiry());
    steps.passed(Check.VALIDITY);
    if (rules.hasClaimCheck()) {
      rules.checkClaims(signed, processed);
      steps.passed(Check.PROFILE);
    } else {
      steps.notRequired(Check.PROFILE);
    }
    return processed;
  }

  /** Configures an {@link SdJwtVerifier}; not thread-safe. */
  public static final class Builder {
    private final IssuerTrust trustedIssuers;
    private final TokenRules rules;
    private Limits limits = Limits.DEFAULT;
    private Duration skew = DEFAULT_SKEW;
    private Clock clock = Clock.systemUTC();

    private Builder(IssuerTrust trustedIssuers, TokenRules rules) {
      this.trustedIssuers = Objects.requireNonNull(trustedIssuers, "trustedIssuers == null");
      this.rules = Objects.requireNonNull(rules, "rules == null");
    }

    /** Size, disclosure count and depth bounds; default {@link Limits#DEFAULT}. */
    public Builder limits(Limits limits) {
      this.limits = Objects.requireNonNull(limits, "limits == null");
      return this;
    }

    /** Tolerated clock difference, at most {@link #MAX_SKEW}; default {@link #DEFAULT_SKEW}. */
    public Builder clockSkew(Duration skew) {
      if (skew.isNegative() || skew.compareTo(MAX_SKEW) > 0) {
        throw new IllegalArgumentException("skew must be between 0 and " + MAX_SKEW + ": " + skew);
      }
      this.skew = skew;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    public SdJwtVerifier build() {
      return new SdJwtVerifier(this);
    }
  }
}
