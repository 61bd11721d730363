package dev.vesper.core.stir;

import dev.vesper.core.crypto.PublicJwk;
import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.json.Base64Url;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.Map;

/** Between JCA P-256 public keys (in certificates) and our {@link PublicJwk}: the one adapter. */
final class JcaKeys {
  private JcaKeys() {}

  static PublicJwk toJwk(PublicKey key) throws VesperException {
    if (!(key instanceof ECPublicKey ec) || ec.getParams().getCurve().getField().getFieldSize() != 256) {
      throw new VesperException(ErrorCode.STIR_UNSUPPORTED_CREDENTIAL, "the certificate key is not a P-256 key");
    }
    return PublicJwk.fromJson(Map.of("kty", "EC", "crv", "P-256", "x", coordinate(ec.getW().getAffineX()),
        "y", coordinate(ec.getW().getAffineY())));
  }

  static PublicKey toJca(PublicJwk jwk) {
    try {
      Map<String, Object> j = jwk.toJson();
      AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
      params.init(new ECGenParameterSpec("secp256r1"));
      ECParameterSpec spec = params.getParameterSpec(ECParameterSpec.class);
      ECPoint w = new ECPoint(new BigInteger(1, Base64Url.decode((String) j.get("x"), "x")),
          new BigInteger(1, Base64Url.decode((String) j.get("y"), "y")));
      return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, spec));
    } catch (GeneralSecurityException | VesperException e) {
      throw new IllegalStateException("a valid JWK converts to a JCA key", e);
    }
  }

  private static String coordinate(BigInteger v) {
    byte[] raw = v.toByteArray();
    byte[] fixed = new byte[32];
    int n = Math.min(32, raw.length);
    System.arraycopy(raw, raw.length - n, fixed, 32 - n, n);
    return Base64Url.encode(fixed);
  }
}
