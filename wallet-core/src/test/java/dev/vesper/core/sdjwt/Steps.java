package dev.vesper.core.sdjwt;

import dev.vesper.core.crypto.IssuerTrust;
import dev.vesper.core.crypto.PublicJwk;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.jose.CompactJws;
import java.time.Duration;

/**
 * Test-only access to the package-private steps of {@link SdJwtVerifier}, for the fuzz targets that
 * drive each step alone on unverified input. Production code reaches the steps only through the door.
 */
public final class Steps {
  /** A processing result, opaque outside this package. */
  public static final class Processed {
    private final ProcessedPayload payload;

    private Processed(ProcessedPayload payload) {
      this.payload = payload;
    }
  }

  private Steps() {}

  /** RFC 9901 §7.1 processing, reading {@code _sd_alg} as {@code rules} say. */
  public static Processed process(SdJwt token, Limits limits, TokenRules rules) throws VesperException {
    return new Processed(DisclosureProcessor.process(token, limits, rules.sdAlg()));
  }

  /** Validity of processed claims at {@code now}, {@code exp} required. */
  public static void validity(Processed processed, long now, long skew) throws VesperException {
    Validity.check(processed.payload.claims(), now, skew, TokenRules.Expiry.REQUIRED);
  }

  /** {@code rules}' claim check on a processed token. */
  public static void claimCheck(TokenRules rules, SdJwt token, Processed processed) throws VesperException {
    rules.checkClaims(token.issuerJwt().payload(), processed.payload);
  }

  public static void checkIssuerHeader(CompactJws jwt, String expectedTyp) throws VesperException {
    IssuerJwt.checkHeader(jwt, expectedTyp);
  }

  public static PublicJwk selectIssuerKey(CompactJws jwt, IssuerTrust trusted) throws VesperException {
    return IssuerJwt.selectKey(jwt, trusted);
  }

  public static void checkIssuerSignature(CompactJws jwt, PublicJwk key) throws VesperException {
    IssuerJwt.checkSignature(jwt, key);
  }

  /** A KB-JWT for {@code sdHashInput} expected with {@code audience} and {@code nonce}. */
  public static void verifyKeyBinding(CompactJws kb, PublicJwk holderKey, String sdHashInput, String audience, String nonce,
      long now, Duration maxAge, Duration skew) throws VesperException {
    KeyBinding.verify(kb, holderKey, sdHashInput, KeyBindingVerifier.mustBePresent(audience, nonce, maxAge), now, skew.toSeconds());
  }
}
