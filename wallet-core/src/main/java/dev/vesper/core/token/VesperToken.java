package dev.vesper.core.token;

import java.util.Set;

/**
 * Constants of the VESPER token profile, {@code vesper-token/1} (docs/token-profile.md): an SD-JWT VC
 * whose identity attributes are all selectively disclosable.
 */
public final class VesperToken {
  /** The profile this code implements. */
  public static final String PROFILE = "vesper-token/1";

  /** The JOSE {@code typ} of the issuer-signed JWT (SD-JWT VC). */
  public static final String TYP = "dc+sd-jwt";

  /** The {@code vct} of the VESPER identity token; versioned with the profile. */
  public static final String VCT = "https://vesper.dev/vct/identity/v1";

  /** Claims that are always visible and never selectively disclosable (SD-JWT VC, RFC 9901 §9.7). */
  public static final Set<String> ALWAYS_VISIBLE = Set.of("iss", "iat", "exp", "nbf", "vct", "cnf", "status");

  public static final String NAME = "name";
  public static final String ENTITY_TYPE = "entity_type";
  public static final String ADDRESS = "address";
  public static final String BUSINESS_CATEGORY = "business_category";
  public static final String BUSINESS_IDS = "business_ids";
  public static final String KYC = "kyc";
  public static final String TN = "tn";

  /**
   * The {@code tn} array is padded with decoy elements to a bucket: the next power of two of the number
   * of entries, at least this many (docs/token-profile.md §2.1), so its disclosed length tells only the bucket.
   */
  public static final int MIN_TN_BUCKET = 8;

  private VesperToken() {}
}
