/**
 * ES256 keys and signatures, behind one JCA provider chosen at start-up (Amazon Corretto Crypto Provider where
 * it loads, else BouncyCastle; never SunEC): {@link dev.vesper.core.crypto.SigningKey} signs and never hands
 * out its scalar, {@link dev.vesper.core.crypto.PublicJwk} is a validated P-256 key, {@link
 * dev.vesper.core.crypto.TrustedKeys} and {@link dev.vesper.core.crypto.IssuerTrust} say which key may sign
 * for which issuer. Private key material leaves only through {@link dev.vesper.core.crypto.CleartextKeys}.
 *
 * <pre>{@code
 * SigningKey key = SigningKey.generate(new SecureRandom(), "issuer-1");
 * byte[] signature = key.sign(data);
 * boolean ok = key.publicJwk().verify(data, signature);
 * }</pre>
 */
package dev.vesper.core.crypto;
