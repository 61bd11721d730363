package dev.vesper.core.sdjwt;

import dev.vesper.core.crypto.PublicJwk;
import dev.vesper.core.crypto.Sha256;
import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.jose.CompactJws;
import java.util.Map;

/**
 * RFC 9901 §7.3 step 5: checks a KB-JWT against the holder key, the expected audience and nonce, the
 * time window ({@code iat}, and {@code exp} and {@code nbf} when the holder set them) and the presented
 * SD-JWT. Every failure has its own {@link ErrorCode}. A step of {@link SdJwtVerifier}. Stateless.
 */
final class KeyBinding {
  /** The KB-JWT {@code typ} (RFC 9901 §4.3). */
  static final String TYP = "kb+jwt";

  private KeyBinding() {}

  /**
   * Verifies {@code kb} for the presentation whose {@code sd_hash} input is {@code sdHashInput}, as
   * {@code expected} asks, at {@code now} with {@code skew} seconds of tolerance.
   */
  static void verify(CompactJws kb, PublicJwk holderKey, String sdHashInput, KeyBindingVerifier expected, long now, long skew)
      throws VesperException {
    kb.requireEs256(ErrorCode.KB_ALG_NOT_ALLOWED, ErrorCode.KB_HEADER_UNSUPPORTED, "KB-JWT");
    if (!TYP.equals(kb.header().get("typ"))) {
      throw new VesperException(ErrorCode.KB_TYP_MISMATCH, "the KB-JWT typ must be kb+jwt");
    }
    if (!holderKey.verify(kb.signingInput(), kb.signature())) {
      throw new VesperException(ErrorCode.KB_SIGNATURE_INVALID, "the KB-JWT signature does not verify with cnf.jwk");
    }
    Map<String, Object> claims = kb.payload();
    long iat = numericDate(claims, "iat", true);
    long exp = numericDate(claims, "exp", false);
    long nbf = numericDate(claims, "nbf", false);
    if (!(claims.get("aud") instanceof String aud)) {
      throw new VesperException(ErrorCode.KB_BAD_CLAIM, "the KB-JWT aud must be a single string");
    }
    if (!(claims.get("nonce") instanceof String nonce)) {
      throw new VesperException(ErrorCode.KB_BAD_CLAIM, "the KB-JWT nonce must be a string");
    }
    if (!(claims.get("sd_hash") instanceof String sdHash)) {
      throw new VesperException(ErrorCode.KB_BAD_CLAIM, "the KB-JWT sd_hash must be a string");
    }
    if (!aud.equals(expected.audience())) {
      throw new VesperException(ErrorCode.KB_AUD_MISMATCH, "the KB-JWT is for another audience");
    }
    if (!nonce.equals(expected.nonce())) {
      throw new VesperException(ErrorCode.KB_NONCE_MISMATCH, "the KB-JWT nonce does not match");
    }
    if (iat > now + skew) {
      throw new VesperException(ErrorCode.KB_IAT_OUT_OF_WINDOW, "the KB-JWT iat is in the future");
    }
    if (now - iat > expected.maxAgeSeconds()) {
      throw new VesperException(ErrorCode.KB_IAT_OUT_OF_WINDOW, "the KB-JWT is older than " + expected.maxAgeSeconds() + " s");
    }
    if (exp != ABSENT && now >= exp + skew) {
      throw new VesperException(ErrorCode.KB_EXPIRED, "the KB-JWT expired at " + exp);
    }
    if (nbf != ABSENT && now + skew < nbf) {
      throw new VesperException(ErrorCode.KB_NOT_YET_VALID, "the KB-JWT is not valid before " + nbf);
    }
    if (!sdHash.equals(Sha256.base64UrlOfAscii(sdHashInput))) {
      throw new VesperException(ErrorCode.KB_SD_HASH_MISMATCH, "sd_hash does not match the presented SD-JWT");
    }
  }

  private static final long ABSENT = -1;

  /** A non-negative integer NumericDate, or {@link #ABSENT} when an optional one is missing. */
  private static long numericDate(Map<String, Object> claims, String name, boolean required) throws VesperException {
    Object value = claims.get(name);
    if (value == null && !required && !claims.containsKey(name)) {
      return ABSENT;
    }
    if (!(value instanceof Long l) || l < 0) {
      throw new VesperException(ErrorCode.KB_BAD_CLAIM, "the KB-JWT " + name + " must be a non-negative integer NumericDate");
    }
    return l;
  }
}
