/**
 * Evidence the issuer vets with: KYC attestations from trusted providers ({@link
 * dev.vesper.issuer.vetting.KycAttestations}) and right-to-use authority tokens from numbering authorities
 * ({@link dev.vesper.issuer.vetting.AuthorityTokens}, RFC 9448), each signed by a {@link
 * dev.vesper.issuer.vetting.TrustedSources} entry.
 */
package dev.vesper.issuer.vetting;
