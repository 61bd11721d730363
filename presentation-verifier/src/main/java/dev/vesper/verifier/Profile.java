package dev.vesper.verifier;

/** Which claim rules apply on top of RFC 9901. */
public enum Profile {
  /**
   * The VESPER token profile (docs/token-profile.md): issuer JWT {@code typ dc+sd-jwt}, the VESPER
   * {@code vct}, {@code _sd_alg} present, validity claims and {@code cnf} always visible, disclosed
   * attributes in canonical form.
   */
  VESPER,
  /** Any RFC 9901 SD-JWT signed by a trusted key; no {@code typ} required unless the policy names one. */
  GENERIC
}
