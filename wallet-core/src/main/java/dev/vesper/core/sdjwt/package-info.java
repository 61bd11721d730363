/**
 * RFC 9901 SD-JWT: the codec ({@link dev.vesper.core.sdjwt.SdJwt}, {@link dev.vesper.core.sdjwt.Disclosure},
 * {@link dev.vesper.core.sdjwt.SdJwtEncoder}, {@link dev.vesper.core.sdjwt.SdJwtIssuer}), the holder's view of an
 * issued token ({@link dev.vesper.core.sdjwt.HolderToken}) and the one verifying door, {@link
 * dev.vesper.core.sdjwt.SdJwtVerifier}: untrusted text becomes a trusted type ({@link
 * dev.vesper.core.sdjwt.VerifiedSdJwt}, a verified {@code HolderToken}) only there. Its steps (issuer JWT,
 * disclosure processing, validity, key binding) are package-private; a profile adds its rules as {@link
 * dev.vesper.core.sdjwt.TokenRules}, a verifier its key-binding demand as {@link
 * dev.vesper.core.sdjwt.KeyBindingVerifier}.
 *
 * <pre>{@code
 * SdJwtVerifier door = SdJwtVerifier.builder(trustedIssuers, VesperProfile.RULES).clock(clock).build();
 * HolderToken kept = door.verifyIssued(issued);                          // the holder, on import
 * String vp = kept.present(kept.disclosuresFor(ClaimPath.of("name")), holderKey, new KeyBindingRequest(aud, nonce, iat));
 * VerifiedSdJwt seen = door.verifyPresentation(vp,                       // a verifier
 *     KeyBindingVerifier.mustBePresent(aud, nonce, Duration.ofMinutes(5)), VerificationSteps.NONE);
 * }</pre>
 */
package dev.vesper.core.sdjwt;
