package dev.vesper.server.store;

import dev.vesper.core.crypto.Sha256;
import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.json.Base64Url;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

/**
 * A KEK held in memory, loaded from a file or an environment variable: 32 random bytes, base64 or
 * base64url. Its id is derived from the key (first 8 characters of the SHA-256 of the key, base64url),
 * so the same key always has the same id and no id needs storing beside it.
 */
public final class SoftwareKek implements Kek {
  private final Aead aead;
  private final String id;

  private SoftwareKek(byte[] key) {
    this.aead = new Aead(key);
    this.id = "sw-" + Base64Url.encode(Sha256.digest(key)).substring(0, 8);
  }

  /** Parses base64 or base64url text of a 32-byte key. */
  public static SoftwareKek fromText(String text) throws VesperException {
    byte[] key;
    try {
      key = Base64.getDecoder().decode(text.strip().replace('-', '+').replace('_', '/'));
    } catch (IllegalArgumentException e) {
      throw new VesperException(ErrorCode.KEY_INVALID_JWK, "the key-encryption key is not base64");
    }
    if (key.length != Aead.KEY_BYTES) {
      throw new VesperException(ErrorCode.KEY_INVALID_JWK, "the key-encryption key must be 32 bytes (AES-256)");
    }
    return new SoftwareKek(key);
  }

  public static SoftwareKek fromFile(Path file) throws IOException, VesperException {
    return fromText(Files.readString(file, StandardCharsets.US_ASCII));
  }

  /**
   * Loads the KEK at {@code file}, creating it (mode 0600, 32 random bytes) when it does not exist: the
   * embedded default. Production deployments pass a KEK from outside the data directory.
   */
  public static SoftwareKek loadOrCreate(Path file) throws IOException, VesperException {
    if (!Files.exists(file)) {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(file, Base64.getEncoder().encodeToString(Aead.newKey()) + "\n", StandardOpenOption.TRUNCATE_EXISTING);
    }
    return fromFile(file);
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public byte[] wrap(byte[] dataKey, byte[] associatedData) {
    return aead.seal(dataKey, associatedData);
  }

  @Override
  public byte[] unwrap(byte[] wrapped, byte[] associatedData) throws VesperException {
    return aead.open(wrapped, associatedData);
  }
}
