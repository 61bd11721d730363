package dev.vesper.core.sdjwt;

import dev.vesper.core.crypto.PublicJwk;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An SD-JWT presentation that passed every check of {@link SdJwtVerifier#verifyPresentation}: issuer
 * signature by a trusted key, disclosures, validity, the token rules, and key binding as its
 * {@link KeyBindingVerifier} demanded. Only the verifier creates one (as Tink's {@code VerifiedJwt}), so
 * holding one proves those checks ran; status and the caller's own policy are the caller's. Immutable.
 */
public final class VerifiedSdJwt {
  private final SdJwt token;
  private final ProcessedPayload processed;
  private final PublicJwk issuerKey;
  private final PublicJwk holderKey;

  VerifiedSdJwt(SdJwt token, ProcessedPayload processed, PublicJwk issuerKey, PublicJwk holderKey) {
    this.token = token;
    this.processed = processed;
    this.issuerKey = issuerKey;
    this.holderKey = holderKey;
  }

  /**
   * The verified claims: those disclosed plus the always-visible ones, without {@code _sd} and
   * {@code _sd_alg}; an unmodifiable JSON tree.
   */
  public Map<String, Object> claims() {
    return processed.claims();
  }

  /** Where each presented disclosure went, in the order of processing. */
  public List<DisclosedClaim> disclosed() {
    return processed.disclosed();
  }

  /** The issuer JWT payload exactly as signed (digests, {@code _sd_alg}, the {@code status} reference). */
  public Map<String, Object> signedPayload() {
    return token.issuerJwt().payload();
  }

  /** The issuer JWT's {@code iss}, when it is a string. */
  public Optional<String> issuer() {
    return Optional.ofNullable(IssuerJwt.issuer(token.issuerJwt()));
  }

  /** The trusted key that signed the issuer JWT. */
  public PublicJwk issuerKey() {
    return issuerKey;
  }

  /**
   * What the KB-JWT's {@code sd_hash} covers (RFC 9901 §4.3.1: the presentation up to and including the
   * last {@code ~}), as key binding verified it; other proofs bound to this presentation compare with it.
   */
  public String sdHashInput() {
    return token.sdHashInput();
  }

  /** The holder key that signed the KB-JWT; empty when key binding was not required. */
  public Optional<PublicJwk> holderKey() {
    return Optional.ofNullable(holderKey);
  }
}
