package dev.vesper.server.store;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Provider;
import java.security.Security;

/**
 * A logged-in PKCS#11 token through the JDK's SunPKCS11 provider: the library (an HSM's, or SoftHSM2's),
 * a slot, the user PIN. {@link Pkcs11Kek} and {@link Pkcs11SigningKeys} keep their keys in it.
 */
public final class Pkcs11Token {
  private final Provider provider;
  private final KeyStore store;

  private Pkcs11Token(Provider provider, KeyStore store) {
    this.provider = provider;
    this.store = store;
  }

  public static Pkcs11Token login(Path library, int slotListIndex, char[] pin) throws VesperException {
    if (!Files.isRegularFile(library)) {
      throw new VesperException(ErrorCode.STORAGE_UNAVAILABLE, "PKCS#11 library not found: " + library);
    }
    try {
      String config = "--name = vesper\nlibrary = " + library.toAbsolutePath() + "\nslotListIndex = " + slotListIndex + "\n";
      Provider provider = Security.getProvider("SunPKCS11").configure(config);
      KeyStore store = KeyStore.getInstance("PKCS11", provider);
      store.load(null, pin);
      return new Pkcs11Token(provider, store);
    } catch (GeneralSecurityException | IOException | RuntimeException e) {
      throw new VesperException(ErrorCode.STORAGE_UNAVAILABLE, "cannot log in to the PKCS#11 token: " + e.getMessage());
    }
  }

  Provider provider() {
    return provider;
  }

  KeyStore store() {
    return store;
  }
}
