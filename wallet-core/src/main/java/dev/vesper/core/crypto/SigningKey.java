package dev.vesper.core.crypto;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.json.Base64Url;
import dev.vesper.core.json.Json;
import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/**
 * A P-256 private key that can sign ES256 but never hands out its private scalar; the only export
 * path is {@link CleartextKeys}. Immutable and thread-safe.
 */
public final class SigningKey implements Signer {
  private final BigInteger d;
  private final PrivateKey privateKey;
  private final PublicJwk publicJwk;
  private final SecureRandom random;

  private SigningKey(BigInteger d, PublicJwk publicJwk, SecureRandom random) {
    this.d = d;
    this.privateKey = Es256.privateKey(d);
    this.publicJwk = publicJwk;
    this.random = random;
  }

  /** A fresh key from {@code random}; the {@code kid} defaults to the RFC 7638 thumbprint when null. */
  public static SigningKey generate(SecureRandom random, String kid) {
    Objects.requireNonNull(random, "random == null");
    BigInteger n = Es256.CURVE.getN();
    BigInteger d;
    do {
      d = new BigInteger(n.bitLength(), random);
    } while (d.signum() == 0 || d.compareTo(n) >= 0);
    ECPoint q = new FixedPointCombMultiplier().multiply(Es256.CURVE.getG(), d);
    PublicJwk pub = PublicJwk.fromPoint(q, null);
    return new SigningKey(d, pub.withKid(kid != null ? kid : pub.thumbprint()), random);
  }

  /** Parses a private JWK (JSON text); {@code d} must match {@code x} and {@code y}. */
  public static SigningKey parse(String json) throws VesperException {
    Map<String, Object> jwk = Json.parseObject(json);
    Object dValue = jwk.get("d");
    if (!(dValue instanceof String)) {
      throw new VesperException(ErrorCode.KEY_UNSUPPORTED, "the JWK has no private member d");
    }
    byte[] dBytes = Base64Url.decode((String) dValue, "JWK d");
    if (dBytes.length != Es256.COORDINATE_LENGTH) {
      throw new VesperException(ErrorCode.KEY_INVALID_JWK, "JWK d must be 32 bytes");
    }
    BigInteger d = new BigInteger(1, dBytes);
    if (d.signum() == 0 || d.compareTo(Es256.CURVE.getN()) >= 0) {
      throw new VesperException(ErrorCode.KEY_INVALID_JWK, "JWK d is out of range");
    }
    Map<String, Object> publicPart = new LinkedHashMap<>(jwk);
    publicPart.remove("d");
    PublicJwk pub = PublicJwk.fromJson(publicPart);
    PublicJwk derived = PublicJwk.fromPoint(new FixedPointCombMultiplier().multiply(Es256.CURVE.getG(), d), null);
    if (!derived.sameKeyAs(pub)) {
      throw new VesperException(ErrorCode.KEY_INVALID_JWK, "JWK d does not match x and y");
    }
    return new SigningKey(d, pub, new SecureRandom());
  }

  /** Signs {@code data} with ES256, returning the 64-byte R‖S signature. */
  @Override
  public byte[] sign(byte[] data) {
    return Es256.sign(privateKey, data, random);
  }

  @Override
  public PublicJwk publicJwk() {
    return publicJwk;
  }

  BigInteger privateScalar() {
    return d;
  }

  @Override
  public String toString() {
    return "SigningKey{" + publicJwk + "}";
  }
}
