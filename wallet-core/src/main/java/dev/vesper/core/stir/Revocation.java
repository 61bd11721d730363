package dev.vesper.core.stir;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;

/**
 * CRL checking of an STI chain (ATIS-1000080 practice): each certificate that names a CRL distribution
 * point (an http or https URL) is looked up in the CRL its {@link CrlSource} holds for that URL, which must
 * be issued by the certificate's issuer (a direct CRL), verify with the issuer's key and not be past its
 * {@code nextUpdate} at the time of the check. A listed certificate, or a CRL that cannot be had or used,
 * refuses the chain with {@link ErrorCode#STIR_CERTIFICATE_REVOKED} (fail closed). Certificates without a
 * distribution point are not checked. A CRL's signature is verified once per CRL object. Thread-safe.
 */
final class Revocation {
  private final CrlSource crls;
  private final Set<TrustAnchor> anchors;
  private final Map<X509CRL, PublicKey> verified = new WeakHashMap<>();

  Revocation(CrlSource crls, Set<TrustAnchor> anchors) {
    this.crls = crls;
    this.anchors = anchors;
  }

  void check(List<X509Certificate> chain, Instant at) throws VesperException {
    for (int i = 0; i < chain.size(); i++) {
      X509Certificate cert = chain.get(i);
      if (anchors.stream().anyMatch(a -> a.getTrustedCert().equals(cert))) {
        continue;
      }
      List<String> urls = distributionPoints(cert);
      if (urls.isEmpty()) {
        continue;
      }
      PublicKey issuerKey = issuerKey(chain, i);
      X509CRL crl = crls.crl(urls.get(0));
      if (!crl.getIssuerX500Principal().equals(cert.getIssuerX500Principal())) {
        throw revoked("the CRL at " + urls.get(0) + " is not issued by the certificate's issuer");
      }
      verifySignature(crl, issuerKey, urls.get(0));
      if (crl.getNextUpdate() != null && at.isAfter(crl.getNextUpdate().toInstant())) {
        throw revoked("the CRL at " + urls.get(0) + " is past its nextUpdate");
      }
      if (crl.isRevoked(cert)) {
        throw revoked("the certificate " + cert.getSubjectX500Principal().getName() + " (serial " + cert.getSerialNumber().toString(16)
            + ") is revoked");
      }
    }
  }

  private PublicKey issuerKey(List<X509Certificate> chain, int i) throws VesperException {
    if (i + 1 < chain.size()) {
      return chain.get(i + 1).getPublicKey();
    }
    X509Certificate cert = chain.get(i);
    for (TrustAnchor a : anchors) {
      if (a.getTrustedCert().getSubjectX500Principal().equals(cert.getIssuerX500Principal())) {
        return a.getTrustedCert().getPublicKey();
      }
    }
    throw revoked("no issuer certificate to check the CRL of " + cert.getSubjectX500Principal().getName());
  }

  private void verifySignature(X509CRL crl, PublicKey issuerKey, String url) throws VesperException {
    synchronized (verified) {
      if (issuerKey.equals(verified.get(crl))) {
        return;
      }
    }
    try {
      crl.verify(issuerKey);
    } catch (GeneralSecurityException e) {
      throw revoked("the CRL at " + url + " does not verify with its issuer's key");
    }
    synchronized (verified) {
      verified.put(crl, issuerKey);
    }
  }

  /** The http(s) URLs of the certificate's CRL distribution points, in order. */
  static List<String> distributionPoints(X509Certificate cert) throws VesperException {
    byte[] ext = cert.getExtensionValue(Extension.cRLDistributionPoints.getId());
    List<String> out = new ArrayList<>();
    if (ext == null) {
      return out;
    }
    try {
      for (DistributionPoint dp : CRLDistPoint.getInstance(ASN1OctetString.getInstance(ext).getOctets()).getDistributionPoints()) {
        DistributionPointName name = dp.getDistributionPoint();
        if (name != null && name.getType() == DistributionPointName.FULL_NAME) {
          for (GeneralName g : GeneralNames.getInstance(name.getName()).getNames()) {
            String uri = g.getTagNo() == GeneralName.uniformResourceIdentifier ? g.getName().toString() : null;
            if (uri != null && (uri.startsWith("https://") || uri.startsWith("http://"))) {
              out.add(uri);
            }
          }
        }
      }
    } catch (IllegalArgumentException e) {
      throw new VesperException(ErrorCode.STIR_UNSUPPORTED_CREDENTIAL, "a certificate's CRL distribution points are malformed");
    }
    return out;
  }

  private static VesperException revoked(String message) {
    return new VesperException(ErrorCode.STIR_CERTIFICATE_REVOKED, message);
  }
}
