/**
 * The verifier's side of OpenID4VP 1.0 (docs/openid4vc.md §3): DCQL presentation requests with a fresh nonce and
 * state ({@link dev.vesper.verifier.oid4vp.PresentationRequests}), signed request objects, and the wallet's
 * {@code vp_token}, each presentation verified through {@link dev.vesper.verifier.PresentationVerifier} for
 * this request.
 */
package dev.vesper.verifier.oid4vp;
