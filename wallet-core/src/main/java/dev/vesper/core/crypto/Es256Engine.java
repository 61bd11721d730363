package dev.vesper.core.crypto;

import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;

/**
 * The ES256 arithmetic of one JCA provider. {@link Es256} uses the one {@link CryptoProvider} chose at
 * start-up; keys are built by the same engine that later signs or verifies with them, so no provider
 * ever has to translate a foreign key on the hot path.
 */
interface Es256Engine {
  CryptoProvider provider();

  /** A public key for an affine point that the caller has checked is on P-256. */
  PublicKey publicKey(BigInteger x, BigInteger y);

  PrivateKey privateKey(BigInteger d);

  /** Verifies a 64-byte R‖S signature; anything malformed is simply "not valid". */
  boolean verify(PublicKey key, byte[] data, byte[] signature);

  /** Signs, returning the 64-byte R‖S signature of JWS (RFC 7518 §3.4). */
  byte[] sign(PrivateKey key, byte[] data, SecureRandom random);
}
