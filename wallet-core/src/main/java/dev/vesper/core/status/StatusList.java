package dev.vesper.core.status;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.json.Base64Url;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * A status list (draft-ietf-oauth-status-list §4): {@code bits} per entry (1, 2, 4 or 8), entry
 * {@code i} in bits {@code [i*bits, (i+1)*bits)} counted from the least significant bit of each byte,
 * compressed as DEFLATE in ZLIB format. Mutable; not thread-safe (the issuer builds one per snapshot).
 */
public final class StatusList {
  /** The largest decompressed list a verifier accepts: 2^24 bytes (2^25 two-bit entries). */
  public static final int MAX_BYTES = 1 << 24;

  private final int bits;
  private final byte[] bytes;

  private StatusList(int bits, byte[] bytes) {
    this.bits = bits;
    this.bytes = bytes;
  }

  /** An all-VALID list of {@code size} entries. */
  public static StatusList allValid(int bits, int size) {
    checkBits(bits);
    if (size < 1 || (long) size * bits > 8L * MAX_BYTES) {
      throw new IllegalArgumentException("size out of range");
    }
    return new StatusList(bits, new byte[(int) (((long) size * bits + 7) / 8)]);
  }

  /** Wraps raw (uncompressed) bytes; for conformance tests against the draft's examples. */
  public static StatusList ofBytes(int bits, byte[] raw) {
    checkBits(bits);
    return new StatusList(bits, raw.clone());
  }

  public int bits() {
    return bits;
  }

  /** The number of entries the list holds. */
  public long size() {
    return (long) bytes.length * 8 / bits;
  }

  /** The status code at {@code index}; {@link ErrorCode#STATUS_INDEX_OUT_OF_RANGE} past the end. */
  public int get(long index) throws VesperException {
    if (index < 0 || index >= size()) {
      throw new VesperException(
          ErrorCode.STATUS_INDEX_OUT_OF_RANGE, "index " + index + " is outside the status list of " + size() + " entries");
    }
    long bit = index * bits;
    int b = bytes[(int) (bit >>> 3)] & 0xff;
    return (b >>> (int) (bit & 7)) & ((1 << bits) - 1);
  }

  public void set(long index, int code) {
    if (index < 0 || index >= size() || code < 0 || code >= (1 << bits)) {
      throw new IllegalArgumentException("index or code out of range");
    }
    long bit = index * bits;
    int at = (int) (bit >>> 3);
    int shift = (int) (bit & 7);
    int mask = ((1 << bits) - 1) << shift;
    bytes[at] = (byte) ((bytes[at] & ~mask) | (code << shift));
  }

  /** The uncompressed bytes. */
  public byte[] rawBytes() {
    return bytes.clone();
  }

  /** The JSON form {@code {"bits", "lst"}} with {@code lst} compressed at the highest level. */
  public Map<String, Object> toJson() {
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
    deflater.setInput(bytes);
    deflater.finish();
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, bytes.length / 8));
    byte[] buf = new byte[8192];
    while (!deflater.finished()) {
      out.write(buf, 0, deflater.deflate(buf));
    }
    deflater.end();
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("bits", (long) bits);
    json.put("lst", Base64Url.encode(out.toByteArray()));
    return json;
  }

  /**
   * Reads the JSON form, refusing unknown bit sizes, bad base64url, anything but one complete ZLIB
   * stream, and lists over {@link #MAX_BYTES} (a decompression bomb stops there).
   */
  public static StatusList fromJson(Object value) throws VesperException {
    if (!(value instanceof Map<?, ?> json) || !(json.get("bits") instanceof Long bits) || !(json.get("lst") instanceof String lst)) {
      throw invalid("status_list must be an object with integer bits and string lst");
    }
    if (bits != 1 && bits != 2 && bits != 4 && bits != 8) {
      throw invalid("status_list bits must be 1, 2, 4 or 8");
    }
    byte[] compressed;
    try {
      compressed = Base64Url.decode(lst, "status_list lst");
    } catch (VesperException e) {
      throw invalid("status_list lst is not base64url");
    }
    return new StatusList(bits.intValue(), inflate(compressed));
  }

  private static byte[] inflate(byte[] compressed) throws VesperException {
    Inflater inflater = new Inflater();
    try {
      inflater.setInput(compressed);
      ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, compressed.length * 4));
      byte[] buf = new byte[8192];
      while (!inflater.finished()) {
        int n = inflater.inflate(buf);
        if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          throw invalid("status_list lst is a truncated ZLIB stream");
        }
        if (out.size() + n > MAX_BYTES) {
          throw invalid("status_list decompresses to more than " + MAX_BYTES + " bytes");
        }
        out.write(buf, 0, n);
      }
      if (inflater.getRemaining() != 0) {
        throw invalid("status_list lst has bytes after the ZLIB stream");
      }
      if (out.size() == 0) {
        throw invalid("status_list is empty");
      }
      return out.toByteArray();
    } catch (DataFormatException e) {
      throw invalid("status_list lst is not ZLIB data");
    } finally {
      inflater.end();
    }
  }

  private static void checkBits(int bits) {
    if (bits != 1 && bits != 2 && bits != 4 && bits != 8) {
      throw new IllegalArgumentException("bits must be 1, 2, 4 or 8");
    }
  }

  private static VesperException invalid(String message) {
    return new VesperException(ErrorCode.STATUS_LIST_INVALID, message);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StatusList other && bits == other.bits && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return 31 * bits + Arrays.hashCode(bytes);
  }
}
