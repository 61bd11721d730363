package dev.vesper.core.token;

import dev.vesper.core.crypto.IssuerTrust;
import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.sdjwt.DisclosedClaim;
import dev.vesper.core.sdjwt.SdJwtVerifier;
import dev.vesper.core.sdjwt.TokenRules;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The verifier-side rules of {@code vesper-token/1} beyond RFC 9901: the always-visible claims are
 * present in the issuer JWT itself and never selectively disclosable, at any depth (SD-JWT VC: "including
 * sub-claims", so {@code cnf.jwk} and {@code status.status_list} too), {@code vct} names the VESPER
 * identity type, {@code iat} and {@code exp} are non-negative integers with {@code exp} after {@code iat},
 * and every disclosed attribute has a form an issuer of this profile can sign. {@link SdJwtVerifier} applies
 * them as {@link #RULES}, together with {@code typ dc+sd-jwt}, a declared {@code _sd_alg} and a required
 * {@code exp}.
 *
 * <pre>{@code
 * HolderToken kept = VesperProfile.verifier(trustedIssuers, clock).verifyIssued(issued);
 * }</pre>
 */
public final class VesperProfile {
  /** The rules of {@code vesper-token/1} for {@link SdJwtVerifier}. */
  public static final TokenRules RULES = TokenRules.profile(VesperToken.TYP, VesperProfile::check);

  private VesperProfile() {}

  /** The verifying door under this profile, trusting {@code trustedIssuers}, with the default limits and skew. */
  public static SdJwtVerifier verifier(IssuerTrust trustedIssuers, Clock clock) {
    return SdJwtVerifier.builder(trustedIssuers, RULES).clock(clock).build();
  }

  /**
   * Checks a processed token: {@code signedPayload} is the issuer JWT payload as signed, {@code claims} the
   * processed payload, {@code disclosed} where each presented disclosure went.
   */
  static void check(Map<String, Object> signedPayload, Map<String, Object> claims, List<DisclosedClaim> disclosed)
      throws VesperException {
    for (DisclosedClaim c : disclosed) {
      if (VesperToken.ALWAYS_VISIBLE.contains(c.path().first())) {
        throw new VesperException(
            ErrorCode.PROFILE_BAD_CLAIM, "'" + c.path() + "' must be always visible, never selectively disclosed");
      }
    }
    // A digest the holder did not present leaves no disclosure to find above: refuse the issuer's
    // embedding itself, or a holder could drop status.status_list and hide a revocation.
    for (String name : VesperToken.ALWAYS_VISIBLE) {
      if (embedsDigests(signedPayload.get(name))) {
        throw new VesperException(
            ErrorCode.PROFILE_BAD_CLAIM, "'" + name + "' embeds selectively disclosable sub-claims; it must be always visible");
      }
    }
    if (!VesperToken.VCT.equals(signedPayload.get("vct"))) {
      throw new VesperException(ErrorCode.PROFILE_VCT_MISMATCH, "vct is not " + VesperToken.VCT);
    }
    if (!(signedPayload.get("iss") instanceof String iss) || iss.isBlank()) {
      throw new VesperException(ErrorCode.PROFILE_BAD_CLAIM, "iss must be a non-blank string");
    }
    if (!(signedPayload.get("iat") instanceof Long iat) || iat < 0) {
      throw new VesperException(ErrorCode.PROFILE_BAD_CLAIM, "iat must be a non-negative integer NumericDate");
    }
    if (!(signedPayload.get("exp") instanceof Long exp) || exp <= iat) {
      throw new VesperException(ErrorCode.PROFILE_BAD_CLAIM, "exp must be an integer NumericDate after iat");
    }
    if (signedPayload.containsKey("status") && !(signedPayload.get("status") instanceof Map)) {
      throw new VesperException(ErrorCode.PROFILE_BAD_CLAIM, "status must be an object");
    }
    IdentityAttributes.checkPresented(claims);
  }

  /** True when {@code value} holds an {@code _sd} member or a {@code {"...": digest}} element at any depth. */
  private static boolean embedsDigests(Object value) {
    if (value instanceof Map<?, ?> map) {
      if (map.containsKey("_sd")) {
        return true;
      }
      for (Object v : map.values()) {
        if (embedsDigests(v)) {
          return true;
        }
      }
    } else if (value instanceof List<?> list) {
      for (Object v : list) {
        if (v instanceof Map<?, ?> m && m.containsKey("...") || embedsDigests(v)) {
          return true;
        }
      }
    }
    return false;
  }
}
