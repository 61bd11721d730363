package dev.vesper.core.stir;

import dev.vesper.core.crypto.PublicJwk;
import dev.vesper.core.error.VesperException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Certificate chains between their three forms: PEM text, x5c (base64 DER, leaf first) and X.509 objects. */
public final class Pem {
  private Pem() {}

  /** The certificates of a PEM text, in order; {@link IllegalArgumentException} when it holds none or garbage. */
  public static List<X509Certificate> certificates(String pem) {
    try {
      List<X509Certificate> out = new ArrayList<>();
      for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(
          new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
        out.add((X509Certificate) c);
      }
      if (out.isEmpty()) {
        throw new IllegalArgumentException("no certificate in the PEM text");
      }
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not a PEM certificate chain: " + e.getMessage(), e);
    }
  }

  /** The chain as x5c. */
  public static List<String> x5c(List<X509Certificate> chain) {
    List<String> out = new ArrayList<>();
    for (X509Certificate c : chain) {
      try {
        out.add(Base64.getEncoder().encodeToString(c.getEncoded()));
      } catch (CertificateEncodingException e) {
        throw new IllegalStateException(e);
      }
    }
    return out;
  }

  /** An x5c chain as PEM text, 64 characters a line. */
  public static String encode(List<String> x5c) {
    StringBuilder out = new StringBuilder();
    for (String der : x5c) {
      out.append("-----BEGIN CERTIFICATE-----\n");
      for (int i = 0; i < der.length(); i += 64) {
        out.append(der, i, Math.min(der.length(), i + 64)).append('\n');
      }
      out.append("-----END CERTIFICATE-----\n");
    }
    return out.toString();
  }

  /** The certificate's P-256 key; {@code stir.unsupported_credential} for any other. */
  public static PublicJwk publicKey(X509Certificate certificate) throws VesperException {
    return JcaKeys.toJwk(certificate.getPublicKey());
  }
}
