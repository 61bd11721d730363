package dev.vesper.core.stir;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Set;

/**
 * PKIX path validation of a certificate chain (leaf first, as {@code x5c} carries it) to a set of trust
 * anchors at one instant, without revocation checking (the callers' CRL policy is their own). Shared by
 * the STI-VS's signer credentials and the issuer's numbering-authority certificates. Stateless.
 */
public final class CertificateChains {
  private CertificateChains() {}

  /**
   * Decodes an {@code x5c} array (standard base64 DER, RFC 7515 §4.1.6).
   *
   * @throws IllegalArgumentException when an element is not base64
   * @throws CertificateException when an element is larger than {@code maxCertBytes} or not an X.509 certificate
   */
  public static List<X509Certificate> decode(List<String> x5c, int maxCertBytes) throws CertificateException {
    CertificateFactory cf = CertificateFactory.getInstance("X.509");
    List<X509Certificate> chain = new ArrayList<>(x5c.size());
    for (String b64 : x5c) {
      byte[] der = Base64.getDecoder().decode(b64);
      if (der.length > maxCertBytes) {
        throw new CertificateException("a certificate is larger than " + maxCertBytes + " bytes");
      }
      chain.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(der)));
    }
    return chain;
  }

  /**
   * Validates {@code chain} to one of {@code anchors} at {@code at}; an anchor included in the chain is
   * dropped from the path first.
   *
   * @throws java.security.cert.CertPathValidatorException when the path does not validate (its reason says why)
   * @throws GeneralSecurityException when the chain cannot be used at all
   */
  public static void validate(List<X509Certificate> chain, Set<TrustAnchor> anchors, Instant at) throws GeneralSecurityException {
    List<X509Certificate> path = new ArrayList<>(chain);
    path.removeIf(c -> anchors.stream().anyMatch(a -> c.equals(a.getTrustedCert())));
    CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
    PKIXParameters params = new PKIXParameters(anchors);
    params.setRevocationEnabled(false);
    params.setDate(Date.from(at));
    CertPathValidator.getInstance("PKIX").validate(certPath, params);
  }
}
