package dev.vesper.core.crypto;

import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.jce.spec.ECParameterSpec;
import org.bouncycastle.math.ec.ECPoint;

/**
 * ES256 (ECDSA P-256, SHA-256, R‖S signatures per RFC 7518 §3.4) through the engine of the
 * {@link CryptoProvider} in use. Curve arithmetic that is not signing or verifying (point validation,
 * public keys from private ones) stays on BouncyCastle's specialised P-256 curve.
 */
final class Es256 {
  static final int SIGNATURE_LENGTH = 64;
  static final int COORDINATE_LENGTH = 32;

  static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256r1");
  static final ECParameterSpec SPEC =
      new ECParameterSpec(CURVE.getCurve(), CURVE.getG(), CURVE.getN(), CURVE.getH(), CURVE.getSeed());

  private Es256() {}

  /** A public key for an affine point; the caller has checked that the point is on the curve. */
  static PublicKey publicKey(ECPoint point) {
    ECPoint p = point.normalize();
    return CryptoProvider.Selection.engine().publicKey(p.getAffineXCoord().toBigInteger(), p.getAffineYCoord().toBigInteger());
  }

  static PrivateKey privateKey(BigInteger d) {
    return CryptoProvider.Selection.engine().privateKey(d);
  }

  /** Verifies an R‖S signature; any malformed signature is simply "not valid". */
  static boolean verify(PublicKey key, byte[] data, byte[] signature) {
    return CryptoProvider.Selection.engine().verify(key, data, signature);
  }

  /** Converts a DER ECDSA-Sig-Value (what JCA providers return) to the 64-byte R‖S of JWS. */
  static byte[] derToP1363(byte[] der) {
    ASN1Sequence seq = ASN1Sequence.getInstance(der);
    BigInteger r = ASN1Integer.getInstance(seq.getObjectAt(0)).getValue();
    BigInteger s = ASN1Integer.getInstance(seq.getObjectAt(1)).getValue();
    byte[] out = new byte[SIGNATURE_LENGTH];
    System.arraycopy(PublicJwk.fixed(r), 0, out, 0, COORDINATE_LENGTH);
    System.arraycopy(PublicJwk.fixed(s), 0, out, COORDINATE_LENGTH, COORDINATE_LENGTH);
    return out;
  }

  static byte[] sign(PrivateKey key, byte[] data, SecureRandom random) {
    return CryptoProvider.Selection.engine().sign(key, data, random);
  }
}
