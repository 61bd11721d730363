package dev.vesper.core.sdjwt;

import java.util.Objects;

/**
 * What a KB-JWT binds a presentation to (RFC 9901 §4.3): one audience, the verifier's nonce, and the
 * time of presentation.
 *
 * @param audience the single-string {@code aud}
 * @param nonce the {@code nonce}
 * @param issuedAt {@code iat}, seconds since the epoch
 */
public record KeyBindingRequest(String audience, String nonce, long issuedAt) {
  /** The longest {@code aud} and {@code nonce}, in characters. */
  public static final int MAX_LENGTH = 1024;

  public KeyBindingRequest {
    requireText(audience, "audience");
    requireText(nonce, "nonce");
    if (issuedAt < 0) {
      throw new IllegalArgumentException("issuedAt must not be negative");
    }
  }

  private static void requireText(String value, String what) {
    Objects.requireNonNull(value, what + " == null");
    if (value.isEmpty() || value.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(what + " must have 1 to " + MAX_LENGTH + " characters");
    }
  }
}
