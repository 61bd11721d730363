package dev.vesper.core.jose;

import dev.vesper.core.crypto.Signer;
import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.json.Base64Url;
import dev.vesper.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * A JWS in compact serialisation (RFC 7515 §7.1), parsed but <em>not</em> verified: header and payload
 * are decoded JSON objects, the signature is raw bytes, and the exact text is kept so that signatures
 * and hashes run over what was received. Immutable.
 */
public final class CompactJws {
  private final String text;
  private final Map<String, Object> header;
  private final Map<String, Object> payload;
  private final byte[] signature;
  private final int signingInputEnd;

  private CompactJws(String text, Map<String, Object> header, Map<String, Object> payload, byte[] signature, int end) {
    this.text = text;
    this.header = header;
    this.payload = payload;
    this.signature = signature;
    this.signingInputEnd = end;
  }

  /**
   * Parses {@code text}; {@code what} names the token in error messages ("issuer JWT", "KB-JWT").
   * Refuses anything but three base64url parts with JSON-object header and payload.
   */
  public static CompactJws parse(String text, String what) throws VesperException {
    int first = text.indexOf('.');
    int second = first < 0 ? -1 : text.indexOf('.', first + 1);
    if (first <= 0 || second < 0 || text.indexOf('.', second + 1) >= 0 || second == first + 1) {
      throw new VesperException(ErrorCode.PARSE_MALFORMED, what + " is not a compact JWS of three parts");
    }
    Map<String, Object> header =
        Json.parseObject(Base64Url.decode(text.substring(0, first), what + " header"));
    Map<String, Object> payload =
        Json.parseObject(Base64Url.decode(text.substring(first + 1, second), what + " payload"));
    byte[] signature = Base64Url.decode(text.substring(second + 1), what + " signature");
    return new CompactJws(text, header, payload, signature, second);
  }

  /** Signs header and payload (serialised as given, compact) with ES256. */
  public static String sign(Map<String, Object> header, Map<String, Object> payload, Signer key) {
    Objects.requireNonNull(key, "key == null");
    String input = Base64Url.encode(Json.write(header)) + "." + Base64Url.encode(Json.write(payload));
    byte[] sig = key.sign(input.getBytes(StandardCharsets.US_ASCII));
    return input + "." + Base64Url.encode(sig);
  }

  /** Checks the header's {@code alg} is ES256 and that it carries no {@code crit} we cannot honour. */
  public void requireEs256(ErrorCode algError, ErrorCode headerError, String what) throws VesperException {
    Object alg = header.get("alg");
    if (!"ES256".equals(alg)) {
      throw new VesperException(algError, what + " alg " + describe(alg) + " is not allowed (only ES256)");
    }
    if (header.containsKey("crit")) {
      throw new VesperException(headerError, what + " carries crit, which this verifier does not support");
    }
    if (header.containsKey("b64")) {
      throw new VesperException(headerError, what + " uses the unencoded payload option (b64)");
    }
  }

  private static String describe(Object value) {
    if (value instanceof String s) {
      return s.length() > 32 ? "'" + s.substring(0, 32) + "…'" : "'" + s + "'";
    }
    return value == null ? "(absent)" : "(not a string)";
  }

  /** The exact compact text. */
  public String text() {
    return text;
  }

  /** ASCII bytes of {@code header.payload}, the JWS signing input. */
  public byte[] signingInput() {
    return text.substring(0, signingInputEnd).getBytes(StandardCharsets.US_ASCII);
  }

  public Map<String, Object> header() {
    return header;
  }

  public Map<String, Object> payload() {
    return payload;
  }

  public byte[] signature() {
    return signature.clone();
  }

  /** The header member as a string, or null when absent or not a string. */
  public String headerString(String name) {
    return header.get(name) instanceof String s ? s : null;
  }
}
