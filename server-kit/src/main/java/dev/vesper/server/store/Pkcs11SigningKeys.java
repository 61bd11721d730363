package dev.vesper.server.store;

import dev.vesper.core.crypto.ExternalSigner;
import dev.vesper.core.crypto.Signer;
import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.Date;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Holder signing keys that never leave a PKCS#11 token: P-256 key pairs generated in the token and
 * stored as token objects (the keystore needs a certificate beside a private key, so each gets a
 * self-signed holder certificate that nothing else uses), then used for ES256 through the provider.
 */
public final class Pkcs11SigningKeys {
  private final Pkcs11Token token;
  private final ConcurrentHashMap<String, Signer> signers = new ConcurrentHashMap<>();

  public Pkcs11SigningKeys(Pkcs11Token token) {
    this.token = token;
  }

  /** Generates a key pair in the token under {@code label}. */
  public Signer generate(String label) throws VesperException {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", token.provider());
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair pair = generator.generateKeyPair();
      X509Certificate holder = selfSigned(pair, label);
      token.store().setKeyEntry(label, pair.getPrivate(), null, new Certificate[] {holder});
      return signer(label);
    } catch (GeneralSecurityException | OperatorCreationException | RuntimeException e) {
      throw new VesperException(ErrorCode.STORAGE_UNAVAILABLE, "the PKCS#11 token cannot generate a key: " + e.getMessage());
    }
  }

  /** The signer of the key labelled {@code label}. */
  public Signer signer(String label) throws VesperException {
    Signer known = signers.get(label);
    if (known != null) {
      return known;
    }
    try {
      KeyStore store = token.store();
      Key key = store.getKey(label, null);
      Certificate cert = store.getCertificate(label);
      if (!(key instanceof PrivateKey privateKey) || cert == null) {
        throw new VesperException(ErrorCode.STORAGE_UNAVAILABLE, "no signing key labelled " + label + " in the PKCS#11 token");
      }
      Signer signer = ExternalSigner.of(privateKey, token.provider(), cert.getPublicKey(), null);
      signers.put(label, signer);
      return signer;
    } catch (GeneralSecurityException e) {
      throw new VesperException(ErrorCode.STORAGE_UNAVAILABLE, "cannot read the PKCS#11 token: " + e.getMessage());
    }
  }

  private X509Certificate selfSigned(KeyPair pair, String label)
      throws GeneralSecurityException, OperatorCreationException {
    X500Name name = new X500Name("CN=vesper holder key " + label.replaceAll("[^A-Za-z0-9_-]", ""));
    long now = System.currentTimeMillis();
    JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now), new Date(now - 60_000),
        new Date(now + 100L * 365 * 86_400_000), name, pair.getPublic());
    return new JcaX509CertificateConverter().getCertificate(
        builder.build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(token.provider()).build(pair.getPrivate())));
  }
}
