package dev.vesper.core.oid4vc;

import dev.vesper.core.crypto.PublicJwk;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.jose.CompactJws;
import dev.vesper.core.stir.Pem;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Signed authorization requests (JAR, RFC 9101, as OpenID4VP §5 profiles it) under {@code x509_san_dns:}
 * (§5.9.3): {@code typ oauth-authz-req+jwt}, ES256, an {@code x5c} chain that validates to one of the
 * wallet's trust anchors at {@code now}, whose leaf names the client identifier as a dNSName and signed
 * the request; {@code exp}, when present, not passed. Revocation is not checked (no CRL/OCSP fetching).
 */
public final class RequestObjects {
  private RequestObjects() {}

  /** Verifies {@code jwt} for the DNS name {@code dnsName}; returns its claims (the request parameters). */
  public static Map<String, Object> verifyX509SanDns(String jwt, String dnsName, List<X509Certificate> anchors, Instant now)
      throws VesperException {
    CompactJws jws;
    try {
      jws = CompactJws.parse(jwt, "request object");
    } catch (VesperException e) {
      throw AuthorizationRequest.untrusted(e.getMessage());
    }
    if (!"oauth-authz-req+jwt".equals(jws.headerString("typ"))) {
      throw AuthorizationRequest.untrusted("the request object's typ must be oauth-authz-req+jwt");
    }
    if (!"ES256".equals(jws.headerString("alg")) || jws.header().containsKey("crit")) {
      throw AuthorizationRequest.untrusted("the request object must be ES256 without crit");
    }
    if (!(jws.header().get("x5c") instanceof List<?> x5c) || x5c.isEmpty() || x5c.size() > 5) {
      throw AuthorizationRequest.untrusted("an x509_san_dns: request object carries its chain in x5c");
    }
    List<X509Certificate> chain = new ArrayList<>();
    try {
      CertificateFactory cf = CertificateFactory.getInstance("X.509");
      for (Object c : x5c) {
        chain.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode((String) c))));
      }
    } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
      throw AuthorizationRequest.untrusted("the request object's x5c is not a certificate chain");
    }
    validate(chain, anchors, now);
    if (!dnsNames(chain.get(0)).contains(dnsName)) {
      throw AuthorizationRequest.untrusted("the certificate names no dNSName " + Links.clip(dnsName));
    }
    PublicJwk key;
    try {
      key = Pem.publicKey(chain.get(0));
    } catch (VesperException e) {
      throw AuthorizationRequest.untrusted("the certificate's key is not P-256");
    }
    if (!key.verify(jws.signingInput(), jws.signature())) {
      throw AuthorizationRequest.untrusted("the request object is not signed by the certificate's key");
    }
    Map<String, Object> claims = jws.payload();
    if (claims.containsKey("exp") && !(claims.get("exp") instanceof Long exp && exp > now.getEpochSecond())) {
      throw AuthorizationRequest.bad("the request object has expired");
    }
    return claims;
  }

  private static void validate(List<X509Certificate> chain, List<X509Certificate> anchors, Instant now) throws VesperException {
    if (anchors.isEmpty()) {
      throw AuthorizationRequest.untrusted("this wallet trusts no verifier certificate authority (configure one)");
    }
    try {
      Set<TrustAnchor> trust = new HashSet<>();
      for (X509Certificate a : anchors) {
        trust.add(new TrustAnchor(a, null));
      }
      List<X509Certificate> path = new ArrayList<>(chain);
      path.removeIf(c -> anchors.contains(c)); // a chain may end with the root itself
      if (path.isEmpty()) {
        checkValidity(chain.get(0), now); // the leaf is itself a trusted certificate
        return;
      }
      PKIXParameters params = new PKIXParameters(trust);
      params.setRevocationEnabled(false);
      params.setDate(Date.from(now));
      CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509").generateCertPath(path), params);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw AuthorizationRequest.untrusted("the verifier's certificate chain does not validate to a trusted root: " + e.getMessage());
    }
  }

  private static void checkValidity(X509Certificate cert, Instant now) throws GeneralSecurityException {
    cert.checkValidity(Date.from(now));
  }

  /** The certificate's subjectAltName dNSNames. */
  public static List<String> dnsNames(X509Certificate cert) {
    try {
      if (cert.getSubjectAlternativeNames() == null) {
        return List.of();
      }
      return cert.getSubjectAlternativeNames().stream().filter(n -> ((Integer) n.get(0)) == 2).map(n -> (String) n.get(1)).toList();
    } catch (CertificateParsingException e) {
      return List.of();
    }
  }
}
