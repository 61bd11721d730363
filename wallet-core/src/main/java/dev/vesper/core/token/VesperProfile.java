package dev.vesper.core.token;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.sdjwt.DisclosedClaim;
import dev.vesper.core.sdjwt.DisclosureProcessor;
import dev.vesper.core.sdjwt.ProcessedPayload;
import java.util.Map;

/**
 * The verifier-side rules of {@code vesper-token/1} beyond RFC 9901: the always-visible claims are
 * present in the issuer JWT itself (never disclosed), {@code vct} names the VESPER identity type, and
 * every disclosed attribute has a form an issuer of this profile can sign.
 */
public final class VesperProfile {
  private VesperProfile() {}

  /** Checks a processed token; {@code signedPayload} is the issuer JWT payload as signed. */
  public static void check(Map<String, Object> signedPayload, ProcessedPayload processed) throws VesperException {
    for (DisclosedClaim c : processed.disclosed()) {
      if (c.path().segments().size() == 1 && VesperToken.ALWAYS_VISIBLE.contains(c.path().first())) {
        throw new VesperException(
            ErrorCode.PROFILE_BAD_CLAIM, "'" + c.path() + "' must be always visible, never selectively disclosed");
      }
    }
    if (!DisclosureProcessor.SHA_256.equals(signedPayload.get("_sd_alg"))) {
      throw new VesperException(ErrorCode.DISCLOSURE_BAD_SD_ALG, "_sd_alg must be present and be sha-256");
    }
    if (!VesperToken.VCT.equals(signedPayload.get("vct"))) {
      throw new VesperException(ErrorCode.PROFILE_VCT_MISMATCH, "vct is not " + VesperToken.VCT);
    }
    if (!(signedPayload.get("iss") instanceof String iss) || iss.isBlank()) {
      throw new VesperException(ErrorCode.PROFILE_BAD_CLAIM, "iss must be a non-blank string");
    }
    if (!(signedPayload.get("iat") instanceof Long)) {
      throw new VesperException(ErrorCode.PROFILE_BAD_CLAIM, "iat must be an integer NumericDate");
    }
    if (!(signedPayload.get("exp") instanceof Long)) {
      throw new VesperException(ErrorCode.PROFILE_BAD_CLAIM, "exp must be an integer NumericDate");
    }
    if (signedPayload.containsKey("status") && !(signedPayload.get("status") instanceof Map)) {
      throw new VesperException(ErrorCode.PROFILE_BAD_CLAIM, "status must be an object");
    }
    IdentityAttributes.checkPresented(processed.claims());
  }
}
