package dev.vesper.server.sip;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A private TLS CA for local stacks and tests (never for production, where SIP TLS certificates come from
 * the operator's PKI): P-256 keys, a CA, server certificates naming hosts and IP addresses in their
 * subjectAltName (RFC 5922 §7.1), client certificates for mutual TLS.
 */
public final class LocalTlsPki {
  private final SecureRandom random;
  private final KeyPair caKeys;
  private final X509Certificate ca;

  private LocalTlsPki(SecureRandom random, KeyPair caKeys, X509Certificate ca) {
    this.random = random;
    this.caKeys = caKeys;
    this.ca = ca;
  }

  /** A fresh CA named {@code name}, valid from an hour ago for ten years. */
  public static LocalTlsPki generate(SecureRandom random, String name) {
    try {
      KeyPair keys = keyPair(random);
      Instant now = Instant.now();
      X500Name subject = new X500Name("CN=" + name + " SIP TLS CA");
      X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject, serial(random), Date.from(now.minus(Duration.ofHours(1))),
          Date.from(now.plus(Duration.ofDays(3650))), subject, keys.getPublic());
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      return new LocalTlsPki(random, keys, sign(b, keys.getPrivate()));
    } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
      throw new IllegalStateException("cannot build the TLS CA", e);
    }
  }

  public X509Certificate ca() {
    return ca;
  }

  /** A key and chain (leaf, CA). */
  public record Issued(PrivateKey key, List<X509Certificate> chain) {
    /** The key as PKCS#8 PEM. */
    public String keyPem() {
      return pem(key);
    }

    /** The chain as PEM, leaf first. */
    public String chainPem() {
      StringBuilder out = new StringBuilder();
      chain.forEach(c -> out.append(pem(c)));
      return out.toString();
    }
  }

  /** A server certificate for these host names and IP literals, valid for a year. */
  public Issued server(String... names) {
    return issue("CN=" + names[0], KeyPurposeId.id_kp_serverAuth, names, Instant.now().plus(Duration.ofDays(365)));
  }

  /** A client certificate for mutual TLS, valid for a year. */
  public Issued client(String name) {
    return issue("CN=" + name, KeyPurposeId.id_kp_clientAuth, new String[0], Instant.now().plus(Duration.ofDays(365)));
  }

  /** A client certificate that expired yesterday. */
  public Issued expiredClient(String name) {
    return issue("CN=" + name, KeyPurposeId.id_kp_clientAuth, new String[0], Instant.now().minus(Duration.ofDays(1)));
  }

  private Issued issue(String subject, KeyPurposeId purpose, String[] names, Instant notAfter) {
    try {
      KeyPair keys = keyPair(random);
      X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name(ca.getSubjectX500Principal().getName()), serial(random),
          Date.from(Instant.now().minus(Duration.ofDays(2))), Date.from(notAfter), new X500Name(subject), keys.getPublic());
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
      if (names.length > 0) {
        List<GeneralName> san = new ArrayList<>();
        for (String n : names) {
          san.add(isIpLiteral(n) ? new GeneralName(GeneralName.iPAddress, n) : new GeneralName(GeneralName.dNSName, n));
        }
        b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(san.toArray(new GeneralName[0])));
      }
      return new Issued(keys.getPrivate(), List.of(sign(b, caKeys.getPrivate()), ca));
    } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
      throw new IllegalStateException("cannot issue a TLS certificate", e);
    }
  }

  /** PEM of a certificate or key. */
  public static String pem(Object o) {
    StringWriter w = new StringWriter();
    try (JcaPEMWriter pw = new JcaPEMWriter(w)) {
      pw.writeObject(o instanceof PrivateKey k ? new JcaPKCS8Generator(k, null) : o);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return w.toString();
  }

  private static boolean isIpLiteral(String n) {
    return n.matches("[0-9.]+") || n.contains(":");
  }

  private static BigInteger serial(SecureRandom random) {
    return new BigInteger(64, random).abs().add(BigInteger.ONE);
  }

  private static KeyPair keyPair(SecureRandom random) throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"), random);
    return g.generateKeyPair();
  }

  private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey key) throws GeneralSecurityException, OperatorCreationException {
    return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key)));
  }
}
