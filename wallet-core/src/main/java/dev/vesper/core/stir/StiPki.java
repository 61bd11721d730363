package dev.vesper.core.stir;

import dev.vesper.core.crypto.SigningKey;
import dev.vesper.core.phone.TnAuthList;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A small STI PKI the project generates itself (tests, the local stack): a root CA, an intermediate
 * (STI-CA), and end-entity certificates carrying the TNAuthList extension (RFC 8226, OID
 * 1.3.6.1.5.5.7.1.26, explicit tags, not critical); a delegate certificate (RFC 9060) is an
 * end-entity whose TNAuthList lies within its issuer's. End-entity keys are our {@link SigningKey}s.
 */
public final class StiPki {
  /** id-pe-TNAuthList. */
  public static final ASN1ObjectIdentifier TN_AUTH_LIST = new ASN1ObjectIdentifier("1.3.6.1.5.5.7.1.26");

  private final SecureRandom random;
  private final KeyPair rootKeys;
  private final X509Certificate root;
  private final KeyPair caKeys;
  private final X509Certificate ca;
  /** The CRL distribution point end-entity certificates name, or null for none. */
  private final String crlUrl;

  private StiPki(SecureRandom random, KeyPair rootKeys, X509Certificate root, KeyPair caKeys, X509Certificate ca, String crlUrl) {
    this.random = random;
    this.rootKeys = rootKeys;
    this.root = root;
    this.caKeys = caKeys;
    this.ca = ca;
    this.crlUrl = crlUrl;
  }

  /** The same PKI, whose end-entity certificates from now on name {@code url} as their CRL distribution point. */
  public StiPki withCrlDistributionPoint(String url) {
    return new StiPki(random, rootKeys, root, caKeys, ca, url);
  }

  /** A CRL of the STI-CA (the issuer of end-entity certificates) listing {@code revoked}, valid in [thisUpdate, nextUpdate]. */
  public X509CRL crl(List<X509Certificate> revoked, Instant thisUpdate, Instant nextUpdate) {
    try {
      X509v2CRLBuilder b = new X509v2CRLBuilder(
          new X500Name(ca.getSubjectX500Principal().getName()), Date.from(thisUpdate));
      b.setNextUpdate(Date.from(nextUpdate));
      for (X509Certificate c : revoked) {
        b.addCRLEntry(c.getSerialNumber(), Date.from(thisUpdate), CRLReason.keyCompromise);
      }
      b.addExtension(Extension.authorityKeyIdentifier, false, new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(caKeys.getPublic()));
      return new JcaX509CRLConverter().getCRL(
          b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate())));
    } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
      throw new IllegalStateException("cannot build the CRL", e);
    }
  }

  /** A signer's certificate chain (leaf first) and key. */
  public record Credential(SigningKey key, List<X509Certificate> chain) {
    /** The chain as {@code x5c}: base64 (not base64url) DER, leaf first (RFC 7515 §4.1.6). */
    public List<String> x5c() {
      return Pem.x5c(chain);
    }
  }

  /** A fresh root and intermediate, valid from an hour ago for ten years. */
  public static StiPki generate(SecureRandom random, String name) {
    try {
      Instant now = Instant.now();
      KeyPair rootKeys = keyPair(random);
      X509Certificate root = certificate(random, "CN=" + name + " STI Root", rootKeys.getPublic(), "CN=" + name + " STI Root",
          rootKeys.getPrivate(), now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(3650)), true, null, rootKeys.getPublic(), null);
      KeyPair caKeys = keyPair(random);
      X509Certificate ca = certificate(random, "CN=" + name + " STI-CA", caKeys.getPublic(), "CN=" + name + " STI Root",
          rootKeys.getPrivate(), now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(3650)), true, null, rootKeys.getPublic(), null);
      return new StiPki(random, rootKeys, root, caKeys, ca, null);
    } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
      throw new IllegalStateException("cannot build the STI PKI", e);
    }
  }

  public X509Certificate root() {
    return root;
  }

  /** An end-entity (service provider or enterprise) certificate for {@code numbers}, valid in [notBefore, notAfter). */
  public Credential issue(String subject, TnAuthList numbers, Instant notBefore, Instant notAfter) {
    SigningKey key = SigningKey.generate(random, null);
    try {
      X509Certificate leaf = certificate(random, "CN=" + subject, JcaKeys.toJca(key.publicJwk()), ca.getSubjectX500Principal().getName(),
          caKeys.getPrivate(), notBefore, notAfter, false, numbers, caKeys.getPublic(), crlUrl);
      return new Credential(key, List.of(leaf, ca));
    } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
      throw new IllegalStateException("cannot issue an STI certificate", e);
    }
  }

  /**
   * A certificate for {@code numbers} that may itself issue delegate certificates (RFC 9060): a CA
   * certificate (basicConstraints cA) whose key is one of our signers.
   */
  public Credential issueDelegatingCa(String subject, TnAuthList numbers) {
    SigningKey key = SigningKey.generate(random, null);
    Instant now = Instant.now();
    try {
      X509Certificate cert = certificate(random, "CN=" + subject, JcaKeys.toJca(key.publicJwk()), ca.getSubjectX500Principal().getName(),
          caKeys.getPrivate(), now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(365)), true, numbers, caKeys.getPublic(), crlUrl);
      return new Credential(key, List.of(cert, ca));
    } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
      throw new IllegalStateException("cannot issue an STI certificate", e);
    }
  }

  /** An end-entity certificate valid from an hour ago for a year. */
  public Credential issue(String subject, TnAuthList numbers) {
    Instant now = Instant.now();
    return issue(subject, numbers, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(365)));
  }

  /**
   * A delegate certificate (RFC 9060) issued by {@code parent} (from {@link #issueDelegatingCa}) for
   * {@code numbers}, which must lie within the parent's TNAuthList for a verifier to accept the chain.
   */
  public Credential delegate(Credential parent, String subject, TnAuthList numbers) {
    SigningKey key = SigningKey.generate(random, null);
    Instant now = Instant.now();
    X509Certificate issuerCert = parent.chain().get(0);
    try {
      PublicKey subjectKey = JcaKeys.toJca(key.publicJwk());
      X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name(issuerCert.getSubjectX500Principal().getName()),
          new BigInteger(64, random).abs().add(BigInteger.ONE), Date.from(now.minus(Duration.ofHours(1))),
          Date.from(now.plus(Duration.ofDays(90))), new X500Name("CN=" + subject), subjectKey);
      JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      b.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(subjectKey));
      b.addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(issuerCert.getPublicKey()));
      b.addExtension(TN_AUTH_LIST, false, numbers.encode());
      X509Certificate leaf = new JcaX509CertificateConverter().getCertificate(b.build(new SignerContentSigner(parent.key())));
      List<X509Certificate> chain = new ArrayList<>();
      chain.add(leaf);
      chain.addAll(parent.chain());
      return new Credential(key, chain);
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot issue a delegate certificate", e);
    }
  }

  private static KeyPair keyPair(SecureRandom random) throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"), random);
    return g.generateKeyPair();
  }

  private static X509Certificate certificate(SecureRandom random, String subject, PublicKey subjectKey, String issuer, PrivateKey issuerKey,
      Instant notBefore, Instant notAfter, boolean isCa, TnAuthList numbers, PublicKey issuerPublic, String crlUrl)
      throws GeneralSecurityException, OperatorCreationException, IOException {
    X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name(issuer), new BigInteger(64, random).abs().add(BigInteger.ONE),
        Date.from(notBefore), Date.from(notAfter), new X500Name(subject), subjectKey);
    JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
    b.addExtension(Extension.keyUsage, true, new KeyUsage(isCa ? KeyUsage.keyCertSign | KeyUsage.cRLSign : KeyUsage.digitalSignature));
    b.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(subjectKey));
    b.addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(issuerPublic));
    if (numbers != null) {
      b.addExtension(TN_AUTH_LIST, false, numbers.encode());
    }
    if (crlUrl != null) {
      GeneralNames names = new GeneralNames(
          new GeneralName(GeneralName.uniformResourceIdentifier, crlUrl));
      b.addExtension(Extension.cRLDistributionPoints, false, new CRLDistPoint(new DistributionPoint[] {
          new DistributionPoint(new DistributionPointName(names), null, null)}));
    }
    return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
  }
}
