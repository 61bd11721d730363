package dev.vesper.core.sdjwt;

import dev.vesper.core.crypto.PublicJwk;
import dev.vesper.core.crypto.IssuerTrust;
import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.jose.CompactJws;

/**
 * RFC 9901 §7.1 step 2 for the issuer-signed JWT, in the order a verifier runs it: the header (ES256
 * only, no {@code crit} or {@code b64}, the expected {@code typ}, never {@code kb+jwt}), the trusted key
 * by {@code kid}, the signature. Split in steps so that {@link SdJwtVerifier} can let its caller put a cache
 * between key selection and the signature check ({@link VerificationSteps#checkIssuerSignature}).
 */
final class IssuerJwt {
  private IssuerJwt() {}

  /** Checks the header; {@code expectedTyp} may be null (no {@code typ} required). */
  static void checkHeader(CompactJws jwt, String expectedTyp) throws VesperException {
    jwt.requireEs256(ErrorCode.ISSUER_ALG_NOT_ALLOWED, ErrorCode.ISSUER_HEADER_UNSUPPORTED, "issuer JWT");
    Object typ = jwt.header().get("typ");
    if (expectedTyp != null && !expectedTyp.equals(typ)) {
      throw new VesperException(ErrorCode.ISSUER_TYP_MISMATCH, "the issuer JWT typ must be " + expectedTyp);
    }
    if (KeyBinding.TYP.equals(typ)) {
      throw new VesperException(ErrorCode.ISSUER_TYP_MISMATCH, "a KB-JWT cannot serve as an issuer JWT");
    }
  }

  /**
   * The key trusted for the JWT's {@code iss} that its header {@code kid} names (or that issuer's only key
   * when there is no kid): a key trusted for another issuer is {@link ErrorCode#ISSUER_MISMATCH}, so the
   * token cannot choose a key the verifier trusts for someone else.
   */
  static PublicJwk selectKey(CompactJws jwt, IssuerTrust trusted) throws VesperException {
    if (jwt.header().containsKey("kid") && jwt.headerString("kid") == null) {
      throw new VesperException(ErrorCode.ISSUER_UNKNOWN_KEY, "the issuer JWT kid must be a string");
    }
    return trusted.keyFor(issuer(jwt), jwt.headerString("kid"));
  }

  /** The JWT's {@code iss} when it is a string, else null (the profile checks its presence). */
  static String issuer(CompactJws jwt) {
    return jwt.payload().get("iss") instanceof String iss ? iss : null;
  }

  static void checkSignature(CompactJws jwt, PublicJwk key) throws VesperException {
    if (!key.verify(jwt.signingInput(), jwt.signature())) {
      throw new VesperException(ErrorCode.ISSUER_SIGNATURE_INVALID, "the issuer JWT signature does not verify");
    }
  }
}
