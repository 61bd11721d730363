package dev.vesper.issuer.vetting;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.token.IdentityAttributes;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Verifies KYC attestations: JWTs with header {@code typ kyc-attestation+jwt}, ES256, signed by a trusted
 * provider; claims {@code iss}, {@code sub} (the entity id at this issuer), {@code iat}, {@code exp},
 * {@code verified_claims} (attribute name → the value verified, token-profile names), {@code level}
 * ({@code basic | substantial | high}) and {@code method}. Thread-safe.
 */
public final class KycAttestations {
  public static final String TYP = "kyc-attestation+jwt";

  /** The attributes an attestation may verify: identity attributes, never numbers or the kyc claim itself. */
  public static final Set<String> VETTABLE = Set.of("name", "entity_type", "address", "business_category", "business_ids");

  private final TrustedSources providers;

  public KycAttestations(TrustedSources providers) {
    this.providers = Objects.requireNonNull(providers, "providers == null");
  }

  /** A verified attestation. */
  public record Attestation(String provider, Map<String, Object> verifiedClaims, String level, String method, long expiresAt) {}

  public Attestation verify(String jwt, String entityId, Instant now) throws VesperException {
    SignedEvidence.Checked c = SignedEvidence.check(jwt, "the KYC attestation", providers, entityId, SignedEvidence.Subject.REQUIRED, SignedEvidence.Issuer.REQUIRED, now,
        ErrorCode.VETTING_ATTESTATION_INVALID, ErrorCode.VETTING_ATTESTATION_EXPIRED);
    if (!TYP.equals(c.jws().headerString("typ"))) {
      throw invalid("the KYC attestation typ must be " + TYP);
    }
    Map<String, Object> claims = c.jws().payload();
    if (!(claims.get("iat") instanceof Long)) {
      throw invalid("the KYC attestation needs an integer iat");
    }
    if (!(claims.get("verified_claims") instanceof Map<?, ?> verified) || verified.isEmpty()) {
      throw invalid("verified_claims must be a non-empty object of attribute name to verified value");
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : verified.entrySet()) {
      String name = (String) e.getKey();
      if (!VETTABLE.contains(name)) {
        throw invalid("verified_claims names '" + clip(name) + "', which is not a vettable attribute " + VETTABLE);
      }
      out.put(name, e.getValue());
    }
    if (!(claims.get("level") instanceof String level) || !IdentityAttributes.KYC_LEVELS.contains(level)) {
      throw invalid("level must be one of " + IdentityAttributes.KYC_LEVELS);
    }
    if (!(claims.get("method") instanceof String method) || method.isBlank() || method.length() > 64) {
      throw invalid("method must be a short non-empty string");
    }
    return new Attestation(c.iss(), out, level, method, (Long) claims.get("exp"));
  }

  private static VesperException invalid(String message) {
    return new VesperException(ErrorCode.VETTING_ATTESTATION_INVALID, message);
  }

  private static String clip(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "…" : s;
  }
}
