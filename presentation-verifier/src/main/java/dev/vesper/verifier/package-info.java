/**
 * The verifier: {@link dev.vesper.verifier.PresentationVerifier} runs the one verifying door of wallet-core under
 * a strict {@link dev.vesper.verifier.VerificationPolicy} and adds what only a verifier checks (issuance
 * receipts, token status through {@link dev.vesper.verifier.StatusLists}, required claims, a cache of verified
 * issuer signatures). Only it creates a {@link dev.vesper.verifier.VerifiedPresentation}; {@link
 * dev.vesper.verifier.Verification} reports each check for {@code --explain}.
 *
 * <pre>{@code
 * VerificationPolicy policy = VerificationPolicy.builder(trustedIssuers)
 *     .expectAudience("tel:+14155550123").expectNonce(call.nonce()).require(ClaimSelector.parse("name")).build();
 * VerifiedPresentation verified = PresentationVerifier.create().verify(presentation, policy);
 * }</pre>
 */
package dev.vesper.verifier;
