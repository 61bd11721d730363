package dev.vesper.core.log.entry;

import java.util.Arrays;
import java.util.HexFormat;

/** An immutable 32-byte value: a SHA-256 digest, a keyed number label, a commitment, a key id. */
public final class Hash32 {
  private final byte[] bytes;

  private Hash32(byte[] bytes) {
    this.bytes = bytes;
  }

  public static Hash32 of(byte[] bytes) {
    if (bytes.length != 32) {
      throw new IllegalArgumentException("a Hash32 is 32 bytes, got " + bytes.length);
    }
    return new Hash32(bytes.clone());
  }

  /** Parses 64 hex digits (either case). */
  public static Hash32 ofHex(String hex) {
    if (hex.length() != 64) {
      throw new IllegalArgumentException("a Hash32 is 64 hex digits");
    }
    return new Hash32(HexFormat.of().parseHex(hex));
  }

  public byte[] bytes() {
    return bytes.clone();
  }

  /** Lower-case hex: the form used in URLs and JSON. */
  public String hex() {
    return HexFormat.of().formatHex(bytes);
  }

  byte[] raw() {
    return bytes;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Hash32 h && Arrays.equals(bytes, h.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return hex();
  }
}
