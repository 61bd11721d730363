package dev.vesper.server.store;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.Provider;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;

/**
 * A KEK that never leaves an HSM: an AES-256 key object in a PKCS#11 token (SoftHSM2 in tests), used
 * through the JDK's SunPKCS11 provider for AES-GCM wrapping inside the token. Same wire format as
 * {@link Aead}. The key is found by its label; {@link #open} can create it (non-extractable) on first use.
 */
public final class Pkcs11Kek implements Kek {
  private final Aead aead;
  private final String id;

  private Pkcs11Kek(Provider provider, SecretKey key, String label) {
    this.aead = new Aead(key, provider);
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
    try {
      return aead.seal(dataKey, associatedData);
    } catch (IllegalStateException e) {
      throw new VesperException(ErrorCode.STORAGE_UNAVAILABLE, "the PKCS#11 token cannot wrap: " + e.getMessage());
    }
  }

  @Override
  public byte[] unwrap(byte[] wrapped, byte[] associatedData) throws VesperException {
    return aead.open(wrapped, associatedData);
  }
}
