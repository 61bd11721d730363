/**
 * STIR: the SIP {@code Identity} header ({@link dev.vesper.core.stir.IdentityHeader}, RFC 8224), PASSporTs
 * ({@link dev.vesper.core.stir.Passport}, RFC 8225, with the SHAKEN and {@code vesper} extensions), STI
 * certificates and their TNAuthList ({@link dev.vesper.core.stir.StiCredentials}, RFC 8226, RFC 9060), PEM and
 * x5c forms, and a small STI PKI for tests and the local stack ({@link dev.vesper.core.stir.StiPki}).
 *
 * <pre>{@code
 * Passport passport = Passport.parse(IdentityHeader.parse(header).passport());
 * StiCredentials.Signer signer = StiCredentials.trusting(roots, SpcDirectory.none()).verify(passport.x5c(), Instant.ofEpochSecond(passport.iat()));
 * }</pre>
 */
package dev.vesper.core.stir;
