package dev.vesper.core.crypto;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.json.Base64Url;
import dev.vesper.core.json.Json;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.math.ec.ECPoint;

/**
 * A P-256 public key as a JWK (RFC 7517/7518 §6.2), validated on construction: the point is on the
 * curve and not the identity. Immutable and thread-safe; the JCA key is built once and reused, so
 * verifying many signatures with one key pays for parsing once.
 */
public final class PublicJwk {
  private static final Set<String> PUBLIC_MEMBERS =
      Set.of("kty", "crv", "x", "y", "kid", "use", "alg", "key_ops", "ext");

  /**
   * Memo of validated keys by their coordinates. Parsing a key and, above all, BouncyCastle's per-point
   * precomputation for verification cost as much as a signature check; holder keys (cnf.jwk) repeat
   * across presentations, so re-using the parsed key roughly halves a warm verification. A pure
   * function's memo: bounded, and cleared wholesale when full.
   */
  private static final ConcurrentHashMap<String, PublicJwk> PARSED =
      new ConcurrentHashMap<>();

  private static final int PARSED_MAX = 4096;

  private final String x;
  private final String y;
  private final String kid;
  private final PublicKey key;
  private final String thumbprint;

  private PublicJwk(String x, String y, String kid, PublicKey key) {
    this.x = x;
    this.y = y;
    this.kid = kid;
    this.key = key;
    this.thumbprint = computeThumbprint(x, y);
  }

  /** Parses a public JWK given as JSON text. */
  public static PublicJwk parse(String json) throws VesperException {
    return fromJson(Json.parseObject(json));
  }

  /**
   * Parses a public JWK from a JSON object. Refuses private members ({@code d}), other key types or
   * curves, {@code alg} other than ES256, coordinates that are not exactly 32 bytes, and points not on
   * P-256.
   */
  public static PublicJwk fromJson(Map<String, Object> jwk) throws VesperException {
    if (jwk.containsKey("d")) {
      throw new VesperException(ErrorCode.KEY_INVALID_JWK, "a public JWK must not contain the private member d");
    }
    for (String member : jwk.keySet()) {
      if (!PUBLIC_MEMBERS.contains(member) && !member.equals("x5c") && !member.equals("x5t#S256")) {
        throw new VesperException(ErrorCode.KEY_INVALID_JWK, "unsupported JWK member: " + member);
      }
    }
    Object use = jwk.get("use");
    if (use != null && !"sig".equals(use)) {
      throw new VesperException(ErrorCode.KEY_INVALID_JWK, "a signature key must have use sig");
    }
    Object ops = jwk.get("key_ops");
    if (ops != null && !(ops instanceof List<?> list && (list.contains("verify") || list.contains("sign")))) {
      throw new VesperException(ErrorCode.KEY_INVALID_JWK, "key_ops must allow verify or sign");
    }
    requireMember(jwk, "kty", "EC");
    requireMember(jwk, "crv", "P-256");
    Object alg = jwk.get("alg");
    if (alg != null && !"ES256".equals(alg)) {
      throw new VesperException(ErrorCode.KEY_INVALID_JWK, "a P-256 JWK may only be used with ES256");
    }
    String x = coordinate(jwk, "x");
    String y = coordinate(jwk, "y");
    Object kid = jwk.get("kid");
    if (kid != null && (!(kid instanceof String) || ((String) kid).isEmpty() || ((String) kid).length() > 256)) {
      throw new VesperException(ErrorCode.KEY_INVALID_JWK, "kid must be a non-empty string of at most 256 characters");
    }
    return fromCoordinates(x, y, (String) kid);
  }

  static PublicJwk fromCoordinates(String x, String y, String kid) throws VesperException {
    PublicJwk known = PARSED.get(x + "." + y);
    if (known != null) {
      return kid == null ? known : known.withKid(kid);
    }
    PublicJwk parsed = parseCoordinates(x, y);
    if (PARSED.size() >= PARSED_MAX) {
      PARSED.clear();
    }
    PARSED.put(x + "." + y, parsed);
    return kid == null ? parsed : parsed.withKid(kid);
  }

  private static PublicJwk parseCoordinates(String x, String y) throws VesperException {
    String kid = null;
    BigInteger bx = new BigInteger(1, Base64Url.decode(x, "JWK x"));
    BigInteger by = new BigInteger(1, Base64Url.decode(y, "JWK y"));
    ECPoint point;
    try {
      point = Es256.CURVE.getCurve().validatePoint(bx, by);
    } catch (IllegalArgumentException e) {
      throw new VesperException(ErrorCode.KEY_INVALID_JWK, "the JWK point is not on P-256");
    }
    if (point.isInfinity()) {
      throw new VesperException(ErrorCode.KEY_INVALID_JWK, "the JWK point is the point at infinity");
    }
    return new PublicJwk(x, y, kid, Es256.publicKey(point));
  }

  static PublicJwk fromPoint(ECPoint point, String kid) {
    ECPoint normal = point.normalize();
    String x = Base64Url.encode(fixed(normal.getAffineXCoord().toBigInteger()));
    String y = Base64Url.encode(fixed(normal.getAffineYCoord().toBigInteger()));
    return new PublicJwk(x, y, kid, Es256.publicKey(normal));
  }

  private static void requireMember(Map<String, Object> jwk, String name, String expected) throws VesperException {
    if (!expected.equals(jwk.get(name))) {
      throw new VesperException(ErrorCode.KEY_INVALID_JWK, "JWK " + name + " must be " + expected);
    }
  }

  private static String coordinate(Map<String, Object> jwk, String name) throws VesperException {
    Object value = jwk.get(name);
    if (!(value instanceof String)) {
      throw new VesperException(ErrorCode.KEY_INVALID_JWK, "JWK " + name + " must be a string");
    }
    String text = (String) value;
    byte[] bytes = Base64Url.decode(text, "JWK " + name);
    if (bytes.length != Es256.COORDINATE_LENGTH) {
      throw new VesperException(ErrorCode.KEY_INVALID_JWK, "JWK " + name + " must be 32 bytes");
    }
    return text;
  }

  static byte[] fixed(BigInteger value) {
    byte[] raw = value.toByteArray();
    byte[] out = new byte[Es256.COORDINATE_LENGTH];
    int copy = Math.min(raw.length, out.length);
    System.arraycopy(raw, raw.length - copy, out, out.length - copy, copy);
    return out;
  }

  private static String computeThumbprint(String x, String y) {
    // RFC 7638 §3.2: required members only, lexicographic order, no whitespace.
    String canonical = "{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"" + x + "\",\"y\":\"" + y + "\"}";
    try {
      return Base64Url.encode(
          MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Verifies an ES256 (R‖S) signature over {@code data}. */
  public boolean verify(byte[] data, byte[] signature) {
    return Es256.verify(key, data, signature);
  }

  /** The {@code kid}, if the JWK carried one. */
  public Optional<String> kid() {
    return Optional.ofNullable(kid);
  }

  /** The RFC 7638 SHA-256 thumbprint, base64url. */
  public String thumbprint() {
    return thumbprint;
  }

  /** The same key with another {@code kid}. */
  public PublicJwk withKid(String newKid) {
    return new PublicJwk(x, y, Objects.requireNonNull(newKid, "kid == null"), key);
  }

  /** The same key without a {@code kid}, as embedded in {@code cnf.jwk}. */
  public PublicJwk withoutKid() {
    return kid == null ? this : new PublicJwk(x, y, null, key);
  }

  /** The JWK members: {@code kty}, {@code crv}, {@code x}, {@code y} and {@code kid} when present. */
  public Map<String, Object> toJson() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("kty", "EC");
    out.put("crv", "P-256");
    out.put("x", x);
    out.put("y", y);
    if (kid != null) {
      out.put("kid", kid);
    }
    return out;
  }

  /** Same key material (kid is ignored). */
  public boolean sameKeyAs(PublicJwk other) {
    return thumbprint.equals(other.thumbprint);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PublicJwk other && thumbprint.equals(other.thumbprint) && Objects.equals(kid, other.kid);
  }

  @Override
  public int hashCode() {
    return thumbprint.hashCode();
  }

  @Override
  public String toString() {
    return "PublicJwk{P-256, kid=" + kid + ", thumbprint=" + thumbprint + "}";
  }
}
