package dev.vesper.core.sdjwt;

import java.time.Duration;
import java.util.Objects;

/**
 * What a verifier demands of key binding (RFC 9901 §7.3), decided by its policy and never by what
 * arrives: either {@linkplain #mustNotBePresent() no KB-JWT at all}, or {@linkplain #mustBePresent a
 * KB-JWT} signed by the token's {@code cnf.jwk} with exactly this {@code aud} and {@code nonce}, an
 * {@code iat} at most {@code maxAge} old, and an {@code sd_hash} over the presented SD-JWT. The clock
 * and skew are {@link SdJwtVerifier}'s. Immutable and thread-safe.
 *
 * <pre>{@code
 * KeyBindingVerifier kb = KeyBindingVerifier.mustBePresent("tel:+14155550123", nonce, Duration.ofMinutes(5));
 * VerifiedSdJwt token = verifier.verifyPresentation(presentation, kb, VerificationSteps.NONE);
 * }</pre>
 */
public final class KeyBindingVerifier {
  private static final KeyBindingVerifier NONE = new KeyBindingVerifier(null, null, 0);

  private final String audience;
  private final String nonce;
  private final long maxAgeSeconds;

  private KeyBindingVerifier(String audience, String nonce, long maxAgeSeconds) {
    this.audience = audience;
    this.nonce = nonce;
    this.maxAgeSeconds = maxAgeSeconds;
  }

  /** Presentations come without a KB-JWT; one that carries a KB-JWT is refused ({@code key_binding.unexpected}). */
  public static KeyBindingVerifier mustNotBePresent() {
    return NONE;
  }

  /**
   * Presentations carry a KB-JWT ({@code key_binding.missing} otherwise) for {@code audience} and
   * {@code nonce}, issued at most {@code maxAge} ago.
   */
  public static KeyBindingVerifier mustBePresent(String audience, String nonce, Duration maxAge) {
    Objects.requireNonNull(audience, "audience == null");
    Objects.requireNonNull(nonce, "nonce == null");
    if (maxAge.isNegative()) {
      throw new IllegalArgumentException("maxAge must not be negative: " + maxAge);
    }
    return new KeyBindingVerifier(audience, nonce, maxAge.toSeconds());
  }

  /** True for {@link #mustBePresent}. */
  boolean required() {
    return audience != null;
  }

  String audience() {
    return audience;
  }

  String nonce() {
    return nonce;
  }

  long maxAgeSeconds() {
    return maxAgeSeconds;
  }
}
