package dev.vesper.issuer.vetting;

import dev.vesper.core.crypto.PublicJwk;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.json.Base64Url;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code atc.fingerprint} of an RFC 9448 authority token: the SHA-256 JWK thumbprint (RFC 7638,
 * the "Thumbprint" of RFC 8555 §8.1) of the ACME account key, written as in RFC 9448's example —
 * {@code SHA256 } and 32 uppercase hex bytes separated by colons (the RFC 4572 fingerprint syntax).
 *
 * <p>Read liberally where nothing is ambiguous: the hash name {@code SHA256} or {@code sha-256} in any
 * case, hex digits in either case. Only SHA-256 is accepted.
 */
public final class AccountKeyFingerprint {
  private static final int DIGEST_BYTES = 32;

  private AccountKeyFingerprint() {}

  /** The fingerprint of {@code key} in the RFC's form, e.g. {@code SHA256 56:3E:CF:…}. */
  public static String of(PublicJwk key) {
    byte[] digest = thumbprintBytes(key);
    StringBuilder out = new StringBuilder("SHA256 ");
    HexFormat hex = HexFormat.of().withUpperCase();
    for (int i = 0; i < digest.length; i++) {
      if (i > 0) {
        out.append(':');
      }
      out.append(hex.toHexDigits(digest[i]));
    }
    return out.toString();
  }

  /** True when {@code fingerprint} names {@code key}. */
  public static boolean matches(String fingerprint, PublicJwk key) {
    return digest(fingerprint).map(d -> MessageDigest.isEqual(d, thumbprintBytes(key))).orElse(false);
  }

  /** The 32 digest bytes a well-formed fingerprint carries; empty for anything else. */
  static Optional<byte[]> digest(String fingerprint) {
    if (fingerprint.length() > 128) {
      return Optional.empty();
    }
    int space = fingerprint.indexOf(' ');
    if (space < 0) {
      return Optional.empty();
    }
    String hash = fingerprint.substring(0, space).toLowerCase(Locale.ROOT);
    if (!hash.equals("sha256") && !hash.equals("sha-256")) {
      return Optional.empty();
    }
    String[] pairs = fingerprint.substring(space + 1).split(":", -1);
    if (pairs.length != DIGEST_BYTES) {
      return Optional.empty();
    }
    byte[] out = new byte[DIGEST_BYTES];
    for (int i = 0; i < DIGEST_BYTES; i++) {
      String p = pairs[i];
      if (p.length() != 2 || !HexFormat.isHexDigit(p.charAt(0)) || !HexFormat.isHexDigit(p.charAt(1))) {
        return Optional.empty();
      }
      out[i] = (byte) HexFormat.fromHexDigits(p);
    }
    return Optional.of(out);
  }

  private static byte[] thumbprintBytes(PublicJwk key) {
    try {
      return Base64Url.decode(key.thumbprint(), "thumbprint");
    } catch (VesperException e) {
      throw new IllegalStateException("a thumbprint is canonical base64url", e);
    }
  }
}
