package dev.vesper.core.crypto;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.jce.spec.ECParameterSpec;
import org.bouncycastle.jce.spec.ECPrivateKeySpec;
import org.bouncycastle.jce.spec.ECPublicKeySpec;
import org.bouncycastle.math.ec.ECPoint;

/**
 * ES256 (ECDSA P-256, SHA-256, R‖S signatures per RFC 7518 §3.4) through BouncyCastle's JCA provider.
 * The provider object is used directly and never registered globally, so nothing else in the JVM
 * changes behaviour. Signature engines are reused per thread.
 */
final class Es256 {
  static final int SIGNATURE_LENGTH = 64;
  static final int COORDINATE_LENGTH = 32;

  static final Provider PROVIDER = new BouncyCastleProvider();
  static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256r1");
  static final ECParameterSpec SPEC =
      new ECParameterSpec(CURVE.getCurve(), CURVE.getG(), CURVE.getN(), CURVE.getH(), CURVE.getSeed());

  private static final ThreadLocal<Signature> ENGINE = ThreadLocal.withInitial(Es256::newEngine);
  private static final ThreadLocal<KeyFactory> KEY_FACTORY = ThreadLocal.withInitial(Es256::newKeyFactory);

  private Es256() {}

  private static Signature newEngine() {
    try {
      return Signature.getInstance("SHA256withPLAIN-ECDSA", PROVIDER);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("BouncyCastle lacks SHA256withPLAIN-ECDSA", e);
    }
  }

  private static KeyFactory newKeyFactory() {
    try {
      return KeyFactory.getInstance("EC", PROVIDER);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("BouncyCastle lacks EC keys", e);
    }
  }

  /** A public key for an affine point; the caller has checked that the point is on the curve. */
  static PublicKey publicKey(ECPoint point) {
    try {
      return KEY_FACTORY.get().generatePublic(new ECPublicKeySpec(point, SPEC));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot build a P-256 public key", e);
    }
  }

  static PrivateKey privateKey(BigInteger d) {
    try {
      return KEY_FACTORY.get().generatePrivate(new ECPrivateKeySpec(d, SPEC));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot build a P-256 private key", e);
    }
  }

  /** Verifies an R‖S signature; any malformed signature is simply "not valid". */
  static boolean verify(PublicKey key, byte[] data, byte[] signature) {
    if (signature.length != SIGNATURE_LENGTH) {
      return false;
    }
    Signature engine = ENGINE.get();
    try {
      engine.initVerify(key);
      engine.update(data);
      return engine.verify(signature);
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  /** Converts a DER ECDSA-Sig-Value (what JCA providers return) to the 64-byte R‖S of JWS. */
  static byte[] derToP1363(byte[] der) {
    org.bouncycastle.asn1.ASN1Sequence seq = org.bouncycastle.asn1.ASN1Sequence.getInstance(der);
    BigInteger r = org.bouncycastle.asn1.ASN1Integer.getInstance(seq.getObjectAt(0)).getValue();
    BigInteger s = org.bouncycastle.asn1.ASN1Integer.getInstance(seq.getObjectAt(1)).getValue();
    byte[] out = new byte[SIGNATURE_LENGTH];
    System.arraycopy(PublicJwk.fixed(r), 0, out, 0, COORDINATE_LENGTH);
    System.arraycopy(PublicJwk.fixed(s), 0, out, COORDINATE_LENGTH, COORDINATE_LENGTH);
    return out;
  }

  static byte[] sign(PrivateKey key, byte[] data, SecureRandom random) {
    Signature engine = ENGINE.get();
    try {
      engine.initSign(key, random);
      engine.update(data);
      return engine.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("ES256 signing failed", e);
    }
  }
}
