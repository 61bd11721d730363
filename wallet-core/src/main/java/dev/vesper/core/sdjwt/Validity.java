package dev.vesper.core.sdjwt;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import java.util.Map;

/**
 * Validity claims of the processed payload (RFC 9901 §7.1 step 6, RFC 7519 §4.1): checked after
 * disclosures are applied, because an issuer may have made them selectively disclosable. A step of
 * {@link SdJwtVerifier}.
 */
final class Validity {
  private Validity() {}

  /**
   * Checks {@code exp} (required as {@code expiry} says), {@code nbf} and {@code iat} of processed claims
   * against {@code now}, tolerating {@code skew} seconds. Each, when present, must be a non-negative integer
   * (RFC 7519 §2 NumericDate; the profile allows no fractions and nothing before 1970).
   */
  static void check(Map<String, Object> claims, long now, long skew, TokenRules.Expiry expiry) throws VesperException {
    Long exp = numericDate(claims, "exp");
    Long nbf = numericDate(claims, "nbf");
    Long iat = numericDate(claims, "iat");
    if (exp == null && expiry == TokenRules.Expiry.REQUIRED) {
      throw new VesperException(ErrorCode.VALIDITY_MISSING_OR_BAD_CLAIM, "exp is required");
    }
    if (exp != null && now >= exp + skew) {
      throw new VesperException(ErrorCode.VALIDITY_EXPIRED, "the token expired at " + exp);
    }
    if (nbf != null && now + skew < nbf) {
      throw new VesperException(ErrorCode.VALIDITY_NOT_YET_VALID, "the token is not valid before " + nbf);
    }
    if (iat != null && iat > now + skew) {
      throw new VesperException(ErrorCode.VALIDITY_ISSUED_IN_FUTURE, "the token is issued in the future");
    }
  }

  private static Long numericDate(Map<String, Object> claims, String name) throws VesperException {
    Object value = claims.get(name);
    if (value == null) {
      if (claims.containsKey(name)) {
        throw new VesperException(ErrorCode.VALIDITY_MISSING_OR_BAD_CLAIM, name + " must be a non-negative integer NumericDate");
      }
      return null;
    }
    if (!(value instanceof Long l) || l < 0) {
      throw new VesperException(ErrorCode.VALIDITY_MISSING_OR_BAD_CLAIM, name + " must be a non-negative integer NumericDate");
    }
    return l;
  }
}
