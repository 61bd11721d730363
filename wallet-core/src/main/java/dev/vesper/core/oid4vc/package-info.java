/**
 * The wallet ecosystem's exchanges as a wallet reads them: OpenID4VCI 1.0 credential offers ({@link
 * dev.vesper.core.oid4vc.CredentialOffer}) and OpenID4VP 1.0 authorization requests, authenticated by their
 * client identifier prefix ({@link dev.vesper.core.oid4vc.AuthorizationRequest}, signed request objects in
 * {@link dev.vesper.core.oid4vc.RequestObjects}). Fetching is the caller's.
 */
package dev.vesper.core.oid4vc;
