package dev.vesper.core.crypto;

/**
 * Something that signs ES256 for one P-256 key: a software {@link SigningKey}, or a key that never
 * leaves a hardware token. Implementations are thread-safe.
 */
public interface Signer {
  /** The public key of this signer. */
  PublicJwk publicJwk();

  /** An ES256 signature over {@code data}: 64 bytes, R‖S (RFC 7518 §3.4). */
  byte[] sign(byte[] data);
}
