package dev.vesper.core.log;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * RFC 6962 / RFC 9162 §2.1.1 hashing with SHA-256: a leaf hash is {@code SHA-256(0x00 ‖ data)}, an
 * interior node {@code SHA-256(0x01 ‖ left ‖ right)}; the prefixes keep leaves and nodes apart. The hash
 * of the empty tree is {@code SHA-256("")}.
 */
public final class LogHasher {
  /** Every hash in the log is this long. */
  public static final int HASH_BYTES = 32;

  private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  });

  private LogHasher() {}

  public static byte[] emptyRoot() {
    return SHA256.get().digest(new byte[0]);
  }

  public static byte[] leafHash(byte[] leaf) {
    MessageDigest d = SHA256.get();
    d.update((byte) 0x00);
    return d.digest(leaf);
  }

  public static byte[] nodeHash(byte[] left, byte[] right) {
    MessageDigest d = SHA256.get();
    d.update((byte) 0x01);
    d.update(left);
    return d.digest(right);
  }
}
