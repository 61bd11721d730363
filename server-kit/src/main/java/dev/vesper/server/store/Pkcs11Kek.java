package dev.vesper.server.store;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.Provider;
import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * A KEK that never leaves an HSM: an AES-256 key object in a PKCS#11 token (SoftHSM2 in tests), used
 * through the JDK's SunPKCS11 provider for AES-GCM wrapping inside the token. Same wire format as
 * {@link Aead}. The key is found by its label; {@link #open} can create it (non-extractable) on first use.
 */
public final class Pkcs11Kek implements Kek {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Provider provider;
  private final SecretKey key;
  private final String id;

  private Pkcs11Kek(Provider provider, SecretKey key, String label) {
    this.provider = provider;
    this.key = key;
    this.id = "p11-" + label;
  }

  /**
   * Logs in to slot {@code slotListIndex} of the PKCS#11 {@code library} and finds the AES key labelled
   * {@code label}, generating it in the token when absent and {@code create} is true.
   */
  public static Pkcs11Kek open(Path library, int slotListIndex, char[] pin, String label, boolean create) throws VesperException {
    return open(Pkcs11Token.login(library, slotListIndex, pin), label, create);
  }

  /** Finds (or, with {@code create}, generates) the AES key labelled {@code label} in a logged-in token. */
  public static Pkcs11Kek open(Pkcs11Token token, String label, boolean create) throws VesperException {
    try {
      KeyStore store = token.store();
      Key existing = store.getKey(label, null);
      if (existing instanceof SecretKey secret) {
        return new Pkcs11Kek(token.provider(), secret, label);
      }
      if (!create) {
        throw new VesperException(ErrorCode.STORAGE_UNAVAILABLE, "no AES key labelled " + label + " in the PKCS#11 token");
      }
      KeyGenerator generator = KeyGenerator.getInstance("AES", token.provider());
      generator.init(256);
      store.setEntry(label, new KeyStore.SecretKeyEntry(generator.generateKey()), null);
      return new Pkcs11Kek(token.provider(), (SecretKey) store.getKey(label, null), label);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new VesperException(ErrorCode.STORAGE_UNAVAILABLE, "cannot use the PKCS#11 token: " + e.getMessage());
    }
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public byte[] wrap(byte[] dataKey, byte[] associatedData) throws VesperException {
    byte[] nonce = new byte[Aead.NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding", provider);
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(Aead.TAG_BITS, nonce));
      cipher.updateAAD(associatedData);
      byte[] ct = cipher.doFinal(dataKey);
      byte[] out = new byte[1 + nonce.length + ct.length];
      out[0] = Aead.VERSION;
      System.arraycopy(nonce, 0, out, 1, nonce.length);
      System.arraycopy(ct, 0, out, 1 + nonce.length, ct.length);
      return out;
    } catch (GeneralSecurityException e) {
      throw new VesperException(ErrorCode.STORAGE_UNAVAILABLE, "the PKCS#11 token cannot wrap: " + e.getMessage());
    }
  }

  @Override
  public byte[] unwrap(byte[] wrapped, byte[] associatedData) throws VesperException {
    if (wrapped.length < 1 + Aead.NONCE_BYTES + Aead.TAG_BITS / 8 || wrapped[0] != Aead.VERSION) {
      throw new VesperException(ErrorCode.STORAGE_INTEGRITY, "a wrapped key has an unknown format");
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding", provider);
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(Aead.TAG_BITS, wrapped, 1, Aead.NONCE_BYTES));
      cipher.updateAAD(associatedData);
      return cipher.doFinal(wrapped, 1 + Aead.NONCE_BYTES, wrapped.length - 1 - Aead.NONCE_BYTES);
    } catch (AEADBadTagException e) {
      throw new VesperException(ErrorCode.STORAGE_INTEGRITY, "a wrapped key failed authentication");
    } catch (GeneralSecurityException e) {
      throw new VesperException(ErrorCode.STORAGE_INTEGRITY, "the PKCS#11 token cannot unwrap: " + e.getMessage());
    }
  }
}
