package dev.vesper.core.crypto;

import static dev.vesper.core.crypto.BouncyCastleEs256.jca;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.util.Optional;

/**
 * ES256 through Amazon Corretto Crypto Provider (AWS-LC, native): the OpenSSL-class floor for P-256.
 * Only built by {@link #load()}, which answers empty where the native library does not load or its
 * self-test fails (another OS or CPU, a missing jar), so callers fall back to BouncyCastle.
 */
final class CorrettoEs256 implements Es256Engine {
  private static final ECParameterSpec P256 =
      jca(() -> {
        AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
        params.init(new ECGenParameterSpec("secp256r1"));
        return params.getParameterSpec(ECParameterSpec.class);
      });

  private final Provider provider;
  private final ThreadLocal<Signature> engine;
  private final ThreadLocal<KeyFactory> keyFactory;

  private CorrettoEs256(Provider provider) {
    this.provider = provider;
    this.engine = ThreadLocal.withInitial(() -> jca(() -> Signature.getInstance("SHA256withECDSAinP1363Format", provider)));
    this.keyFactory = ThreadLocal.withInitial(() -> jca(() -> KeyFactory.getInstance("EC", provider)));
  }

  /** ACCP when its native library loaded and its self-tests passed; the reason otherwise. */
  static Loaded load() {
    try {
      AmazonCorrettoCryptoProvider accp = AmazonCorrettoCryptoProvider.INSTANCE;
      Throwable loading = accp.getLoadingError();
      if (loading != null) {
        return new Loaded(Optional.empty(), "native library did not load: " + loading);
      }
      accp.assertHealthy();
      return new Loaded(Optional.of(new CorrettoEs256(accp)), accp.getName() + " " + accp.getVersionStr());
    } catch (LinkageError | RuntimeException e) {
      return new Loaded(Optional.empty(), "unavailable: " + e);
    }
  }

  record Loaded(Optional<CorrettoEs256> engine, String detail) {}

  Provider jcaProvider() {
    return provider;
  }

  @Override
  public CryptoProvider provider() {
    return CryptoProvider.CORRETTO;
  }

  @Override
  public PublicKey publicKey(BigInteger x, BigInteger y) {
    return jca(() -> keyFactory.get().generatePublic(new ECPublicKeySpec(new ECPoint(x, y), P256)));
  }

  @Override
  public PrivateKey privateKey(BigInteger d) {
    return jca(() -> keyFactory.get().generatePrivate(new ECPrivateKeySpec(d, P256)));
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
      // AWS-LC draws its nonces from its own DRBG; the SecureRandom is accepted and unused, as in ACCP.
      s.initSign(key, random);
      s.update(data);
      return s.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("ES256 signing failed", e);
    }
  }
}
