/**
 * The VESPER token profile, {@code vesper-token/1} (docs/token-profile.md): its identity attributes ({@link
 * dev.vesper.core.token.IdentityAttributes}), issuance ({@link dev.vesper.core.token.TokenIssuer}), the rules a
 * verifier adds to RFC 9901 ({@link dev.vesper.core.token.VesperProfile}, applied by the one verifying door), the
 * binding of a presentation to one call ({@link dev.vesper.core.token.CallBinding}), and how claims are named
 * for disclosure and queries ({@link dev.vesper.core.token.ClaimSelector}, {@link dev.vesper.core.token.VesperDcql}).
 *
 * <pre>{@code
 * String issued = TokenIssuer.create(issuerKey, "https://issuer.example", clock, Randomness.secure())
 *     .issue(IdentityAttributes.fromInput(attributes), holderKey.publicJwk(), Duration.ofDays(365));
 * HolderToken kept = VesperProfile.verifier(trustedIssuers, clock).verifyIssued(issued);
 * }</pre>
 */
package dev.vesper.core.token;
