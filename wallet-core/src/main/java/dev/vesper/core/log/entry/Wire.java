package dev.vesper.core.log.entry;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * TLS presentation-language primitives (RFC 8446 §3) for log entries: big-endian integers and
 * length-prefixed opaque vectors. The reader is strict: every read is bounds-checked and every
 * failure is {@link ErrorCode#LOG_BAD_ENTRY}, never an unchecked exception.
 */
final class Wire {
  private Wire() {}

  static final class Writer {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);

    Writer u8(int v) {
      out.write(v);
      return this;
    }

    Writer u16(int v) {
      out.write(v >>> 8);
      out.write(v);
      return this;
    }

    Writer u64(long v) {
      for (int shift = 56; shift >= 0; shift -= 8) {
        out.write((int) (v >>> shift));
      }
      return this;
    }

    Writer fixed(byte[] bytes) {
      out.write(bytes, 0, bytes.length);
      return this;
    }

    Writer opaque8(byte[] bytes) {
      if (bytes.length > 0xFF) {
        throw new IllegalArgumentException("opaque<0..255> holds at most 255 bytes");
      }
      return u8(bytes.length).fixed(bytes);
    }

    Writer opaque16(byte[] bytes) {
      if (bytes.length > 0xFFFF) {
        throw new IllegalArgumentException("opaque<0..2^16-1> holds at most 65535 bytes");
      }
      return u16(bytes.length).fixed(bytes);
    }

    Writer ascii8(String text) {
      return opaque8(text.getBytes(StandardCharsets.US_ASCII));
    }

    byte[] toByteArray() {
      return out.toByteArray();
    }
  }

  static final class Reader {
    private final byte[] in;
    private final String what;
    private int pos;

    Reader(byte[] in, String what) {
      this.in = in;
      this.what = what;
    }

    int u8() throws VesperException {
      need(1);
      return in[pos++] & 0xFF;
    }

    int u16() throws VesperException {
      need(2);
      int v = ((in[pos] & 0xFF) << 8) | (in[pos + 1] & 0xFF);
      pos += 2;
      return v;
    }

    /** A u64 that must fit in a non-negative {@code long} (times in ms, counts). */
    long u64() throws VesperException {
      need(8);
      long v = 0;
      for (int i = 0; i < 8; i++) {
        v = (v << 8) | (in[pos++] & 0xFF);
      }
      if (v < 0) {
        throw bad("a 64-bit field exceeds 2^63-1");
      }
      return v;
    }

    byte[] fixed(int n) throws VesperException {
      need(n);
      byte[] out = Arrays.copyOfRange(in, pos, pos + n);
      pos += n;
      return out;
    }

    byte[] opaque8() throws VesperException {
      return fixed(u8());
    }

    byte[] opaque16() throws VesperException {
      return fixed(u16());
    }

    /** A printable-ASCII string (0x21..0x7E), non-empty unless {@code mayBeEmpty}. */
    String ascii8(String field, boolean mayBeEmpty) throws VesperException {
      byte[] raw = opaque8();
      if (raw.length == 0 && !mayBeEmpty) {
        throw bad(field + " is empty");
      }
      for (byte b : raw) {
        if (b < 0x21 || b > 0x7E) {
          throw bad(field + " is not printable ASCII without spaces");
        }
      }
      return new String(raw, StandardCharsets.US_ASCII);
    }

    void end() throws VesperException {
      if (pos != in.length) {
        throw bad((in.length - pos) + " trailing byte(s)");
      }
    }

    VesperException bad(String reason) {
      return new VesperException(ErrorCode.LOG_BAD_ENTRY, what + ": " + reason);
    }

    private void need(int n) throws VesperException {
      if (in.length - pos < n) {
        throw bad("truncated");
      }
    }
  }

  /** Checks a string field for the writer: printable ASCII, 1..255 bytes (or empty when allowed). */
  static String checkAscii(String value, String field, boolean mayBeEmpty) {
    Objects.requireNonNull(value, field + " == null");
    if ((value.isEmpty() && !mayBeEmpty) || value.length() > 0xFF) {
      throw new IllegalArgumentException(field + " must be 1..255 characters");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x21 || c > 0x7E) {
        throw new IllegalArgumentException(field + " must be printable ASCII without spaces");
      }
    }
    return value;
  }
}
