package dev.vesper.core.sdjwt;

import dev.vesper.core.crypto.PublicJwk;
import dev.vesper.core.error.Check;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.jose.CompactJws;

/**
 * What a caller of {@link SdJwtVerifier#verifyPresentation} adds at the fixed points of its one order,
 * and how it learns each {@link Check}'s outcome. Every method has a default that adds nothing, so
 * {@link #NONE} is the plain door. An implementation is used by one verification at a time.
 */
public interface VerificationSteps {
  /** Adds nothing and reports to no one. */
  VerificationSteps NONE = new VerificationSteps() {};

  /**
   * Verifies the issuer JWT's signature with {@code key}, the trusted key its header selected
   * ({@code issuer_signature.invalid} when it does not verify). A verifier may put a cache in front: one
   * that answers only for the exact JWT bytes verified before by this very key, and calls this default
   * otherwise ({@code VerificationSteps.super.checkIssuerSignature(jwt, key)}).
   */
  default void checkIssuerSignature(CompactJws issuerJwt, PublicJwk key) throws VesperException {
    IssuerJwt.checkSignature(issuerJwt, key);
  }

  /**
   * Runs once the issuer signature verified, before the disclosures are processed: the place of
   * {@link Check#ISSUANCE_RECEIPT}, which needs only the signed JWT and its key. Reports that check.
   */
  default void afterIssuerSignature(CompactJws issuerJwt, PublicJwk key) throws VesperException {}

  /** {@code check} ran and passed. */
  default void passed(Check check) {}

  /** {@code check} did not run because the rules or the policy do not ask for it. */
  default void notRequired(Check check) {}
}
