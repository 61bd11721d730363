package dev.vesper.core.json;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Unpadded base64url (RFC 7515 §2, RFC 4648 §5), strict on decode: only the URL-safe alphabet, no
 * padding, no whitespace, no impossible length, and the unused low bits of the last character must be
 * zero (so every byte string has exactly one accepted encoding).
 */
public final class Base64Url {
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private Base64Url() {}

  public static String encode(byte[] bytes) {
    return ENCODER.encodeToString(bytes);
  }

  public static String encode(String utf8) {
    return encode(utf8.getBytes(StandardCharsets.UTF_8));
  }

  /** Decodes {@code text}, naming {@code what} in the error message. */
  public static byte[] decode(String text, String what) throws VesperException {
    int n = text.length();
    if (n % 4 == 1) {
      throw new VesperException(ErrorCode.PARSE_BAD_BASE64URL, what + " has an impossible base64url length");
    }
    int lastValue = 0;
    for (int i = 0; i < n; i++) {
      int v = value(text.charAt(i));
      if (v < 0) {
        throw new VesperException(
            ErrorCode.PARSE_BAD_BASE64URL, what + " is not unpadded base64url (bad character at " + i + ")");
      }
      lastValue = v;
    }
    int unusedBits = switch (n % 4) {
      case 2 -> 4;
      case 3 -> 2;
      default -> 0;
    };
    if (n > 0 && (lastValue & ((1 << unusedBits) - 1)) != 0) {
      throw new VesperException(ErrorCode.PARSE_BAD_BASE64URL, what + " has non-canonical base64url trailing bits");
    }
    return DECODER.decode(text);
  }

  private static int value(char c) {
    if (c >= 'A' && c <= 'Z') {
      return c - 'A';
    }
    if (c >= 'a' && c <= 'z') {
      return c - 'a' + 26;
    }
    if (c >= '0' && c <= '9') {
      return c - '0' + 52;
    }
    if (c == '-') {
      return 62;
    }
    if (c == '_') {
      return 63;
    }
    return -1;
  }
}
