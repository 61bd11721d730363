package dev.vesper.server.store;

import dev.vesper.core.crypto.CryptoProvider;
import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM with a 96-bit random nonce and a 128-bit tag (NIST SP 800-38D), the format of every
 * secret at rest: {@code version(1)=0x01 ‖ nonce(12) ‖ ciphertext ‖ tag(16)}. The associated data binds
 * a ciphertext to where it belongs (tenant, table, row), so a sealed value moved to another row or
 * tenant fails to open. Opening never returns partial plaintext.
 */
public final class Aead {
  static final byte VERSION = 1;
  static final int NONCE_BYTES = 12;
  static final int TAG_BITS = 128;
  static final int KEY_BYTES = 32;

  private static final SecureRandom RANDOM = new SecureRandom();

  private final java.security.Key key;
  private final java.security.Provider provider;

  public Aead(byte[] key) {
    if (key.length != KEY_BYTES) {
      throw new IllegalArgumentException("AES-256 needs a 32-byte key");
    }
    this.key = new SecretKeySpec(key.clone(), "AES");
    this.provider = CryptoProvider.aesGcmProvider().orElse(null);
  }

  /** An AES key held by {@code provider} (an HSM key handle through SunPKCS11): same format, done in the token. */
  Aead(SecretKey key, java.security.Provider provider) {
    this.key = key;
    this.provider = provider;
  }

  private Cipher cipher() throws GeneralSecurityException {
    return provider == null ? Cipher.getInstance("AES/GCM/NoPadding") : Cipher.getInstance("AES/GCM/NoPadding", provider);
  }

  /** A fresh random 256-bit key. */
  public static byte[] newKey() {
    byte[] k = new byte[KEY_BYTES];
    RANDOM.nextBytes(k);
    return k;
  }

  public byte[] seal(byte[] plaintext, byte[] associatedData) {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    try {
      Cipher cipher = cipher();
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(associatedData);
      byte[] ct = cipher.doFinal(plaintext);
      byte[] out = new byte[1 + NONCE_BYTES + ct.length];
      out[0] = VERSION;
      System.arraycopy(nonce, 0, out, 1, NONCE_BYTES);
      System.arraycopy(ct, 0, out, 1 + NONCE_BYTES, ct.length);
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM sealing failed: " + e.getMessage(), e);
    }
  }

  public byte[] open(byte[] sealed, byte[] associatedData) throws VesperException {
    if (sealed.length < 1 + NONCE_BYTES + TAG_BITS / 8 || sealed[0] != VERSION) {
      throw new VesperException(ErrorCode.STORAGE_INTEGRITY, "a sealed record has an unknown format");
    }
    return decrypt(sealed, 1, associatedData);
  }

  /**
   * Raw AES-GCM decryption of {@code nonce ‖ ciphertext ‖ tag} starting at {@code offset}; exposed for
   * the Wycheproof conformance test of this wrapper.
   */
  byte[] decrypt(byte[] input, int offset, byte[] associatedData) throws VesperException {
    try {
      Cipher cipher = cipher();
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, input, offset, NONCE_BYTES));
      cipher.updateAAD(associatedData);
      return cipher.doFinal(input, offset + NONCE_BYTES, input.length - offset - NONCE_BYTES);
    } catch (AEADBadTagException e) {
      throw new VesperException(ErrorCode.STORAGE_INTEGRITY, "a sealed record failed authentication");
    } catch (GeneralSecurityException e) {
      throw new VesperException(ErrorCode.STORAGE_INTEGRITY, "a sealed record cannot be opened");
    }
  }
}
