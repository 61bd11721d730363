package dev.vesper.core.crypto;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.jce.spec.ECPrivateKeySpec;
import org.bouncycastle.jce.spec.ECPublicKeySpec;

/**
 * ES256 through BouncyCastle's JCA provider, in pure Java on every platform. Keys are built on BC's
 * specialised P-256 curve ({@link Es256#SPEC}); the provider object is used directly and never
 * registered globally. Engines are reused per thread.
 */
final class BouncyCastleEs256 implements Es256Engine {
  private static final Provider PROVIDER = new BouncyCastleProvider();

  private final ThreadLocal<Signature> engine = ThreadLocal.withInitial(() -> jca(() -> Signature.getInstance("SHA256withPLAIN-ECDSA", PROVIDER)));
  private final ThreadLocal<KeyFactory> keyFactory = ThreadLocal.withInitial(() -> jca(() -> KeyFactory.getInstance("EC", PROVIDER)));

  @Override
  public CryptoProvider provider() {
    return CryptoProvider.BOUNCY_CASTLE;
  }

  @Override
  public PublicKey publicKey(BigInteger x, BigInteger y) {
    return jca(() -> keyFactory.get().generatePublic(new ECPublicKeySpec(Es256.CURVE.getCurve().createPoint(x, y), Es256.SPEC)));
  }

  @Override
  public PrivateKey privateKey(BigInteger d) {
    return jca(() -> keyFactory.get().generatePrivate(new ECPrivateKeySpec(d, Es256.SPEC)));
  }

  @Override
  public boolean verify(PublicKey key, byte[] data, byte[] signature) {
    if (signature.length != Es256.SIGNATURE_LENGTH) {
      return false;
    }
    Signature s = engine.get();
    try {
      s.initVerify(key);
      s.update(data);
      return s.verify(signature);
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  @Override
  public byte[] sign(PrivateKey key, byte[] data, SecureRandom random) {
    Signature s = engine.get();
    try {
      s.initSign(key, random);
      s.update(data);
      return s.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("ES256 signing failed", e);
    }
  }

  interface JcaCall<T> {
    T call() throws GeneralSecurityException;
  }

  /** A JCA call that cannot fail for P-256 on a working provider; a failure is a broken install. */
  static <T> T jca(JcaCall<T> call) {
    try {
      return call.call();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the crypto provider refused a P-256 operation: " + e.getMessage(), e);
    }
  }
}
