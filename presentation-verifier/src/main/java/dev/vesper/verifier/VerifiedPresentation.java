package dev.vesper.verifier;

import dev.vesper.core.crypto.PublicJwk;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A presentation that passed every check of its {@link VerificationPolicy}. Only
 * {@link PresentationVerifier} can create one, so holding one proves the checks ran. Immutable.
 */
public final class VerifiedPresentation {
  private final Map<String, Object> claims;
  private final List<String> disclosedPaths;
  private final PublicJwk issuerKey;
  private final PublicJwk holderKey;
  private final Delegate delegate;

  VerifiedPresentation(
      Map<String, Object> claims, List<String> disclosedPaths, PublicJwk issuerKey, PublicJwk holderKey) {
    this(claims, disclosedPaths, issuerKey, holderKey, null);
  }

  private VerifiedPresentation(
      Map<String, Object> claims, List<String> disclosedPaths, PublicJwk issuerKey, PublicJwk holderKey, Delegate delegate) {
    this.claims = claims;
    this.disclosedPaths = List.copyOf(disclosedPaths);
    this.issuerKey = issuerKey;
    this.holderKey = holderKey;
    this.delegate = delegate;
  }

  /** This client presentation of a delegated call, with the agent the verifier established. */
  VerifiedPresentation withDelegate(Delegate delegate) {
    return new VerifiedPresentation(claims, disclosedPaths, issuerKey, holderKey, delegate);
  }

  /**
   * For a delegated call (an agent calling on the client's behalf), the agent: its verified name and when
   * the grant ends. The claims stay the client's.
   */
  public Optional<Delegate> delegate() {
    return Optional.ofNullable(delegate);
  }

  /**
   * The verified claims: those disclosed plus the always-visible ones, without {@code _sd} and
   * {@code _sd_alg}; an unmodifiable JSON tree.
   */
  public Map<String, Object> claims() {
    return claims;
  }

  /** The paths of the presented disclosures, in dot form ({@code name}, {@code tn.0}). */
  public List<String> disclosedPaths() {
    return disclosedPaths;
  }

  /** The {@code iss} claim, if present. */
  public Optional<String> issuer() {
    return claims.get("iss") instanceof String s ? Optional.of(s) : Optional.empty();
  }

  /** The trusted key that signed the issuer JWT. */
  public PublicJwk issuerKey() {
    return issuerKey;
  }

  /** The holder key that signed the KB-JWT; empty when the policy did not use key binding. */
  public Optional<PublicJwk> holderKey() {
    return Optional.ofNullable(holderKey);
  }
}
