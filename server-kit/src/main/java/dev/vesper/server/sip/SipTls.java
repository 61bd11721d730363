package dev.vesper.server.sip;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * What a SIP face needs to listen on TLS ({@code sips:}, RFC 3261 §26.2; RFC 5630): its private key and
 * certificate chain (leaf first), and the roots that client certificates must chain to. With roots, every
 * client must present a certificate that validates to one of them (mutual TLS, the carrier NNI practice);
 * a client with no certificate, or an untrusted, expired or otherwise bad one, fails the handshake and
 * never reaches the SIP layer. Without roots, clients are not asked for certificates. Protocols TLS 1.3
 * and 1.2 only (RFC 8996), AEAD suites with ECDHE only (RFC 9325). Immutable.
 */
public record SipTls(PrivateKey key, List<X509Certificate> chain, List<X509Certificate> clientRoots) {
  /** RFC 8996 and RFC 9325: nothing older than TLS 1.2. */
  static final String PROTOCOLS = "TLSv1.3,TLSv1.2";
  /** TLS 1.3's AEAD suites and TLS 1.2's ECDHE + AES-GCM / ChaCha20 (RFC 9325 §4.2). */
  static final String CIPHER_SUITES = String.join(",",
      "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
      "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
      "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
      "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");
  private static final char[] IN_MEMORY = "vesper-sip-tls".toCharArray();

  public SipTls {
    Objects.requireNonNull(key, "key == null");
    chain = List.copyOf(chain);
    clientRoots = List.copyOf(clientRoots);
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("a TLS listener needs its certificate chain");
    }
  }

  /**
   * Reads a PEM private key (PKCS#8 or SEC 1 "EC PRIVATE KEY"), a PEM certificate chain (leaf first) and,
   * when {@code clientCa} is not null, the PEM roots client certificates must chain to.
   */
  public static SipTls fromPem(Path keyPem, Path chainPem, Path clientCa) throws IOException {
    try {
      return new SipTls(privateKey(Files.readString(keyPem)), certificates(Files.readString(chainPem)),
          clientCa == null ? List.of() : certificates(Files.readString(clientCa)));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IOException("unusable TLS key or certificates: " + e.getMessage(), e);
    }
  }

  /** True when clients must present a certificate that chains to {@link #clientRoots()}. */
  public boolean mutual() {
    return !clientRoots.isEmpty();
  }

  KeyManager[] keyManagers() throws GeneralSecurityException, IOException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry("sip", key, IN_MEMORY, chain.toArray(new X509Certificate[0]));
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(store, IN_MEMORY);
    return kmf.getKeyManagers();
  }

  TrustManager[] trustManagers() throws GeneralSecurityException, IOException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    for (int i = 0; i < clientRoots.size(); i++) {
      store.setCertificateEntry("root-" + i, clientRoots.get(i));
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
    tmf.init(store);
    return tmf.getTrustManagers();
  }

  private static PrivateKey privateKey(String pem) throws IOException {
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      Object o = parser.readObject();
      JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
      if (o instanceof PrivateKeyInfo info) {
        return converter.getPrivateKey(info);
      }
      if (o instanceof PEMKeyPair pair) {
        return converter.getKeyPair(pair).getPrivate();
      }
      throw new IOException("no PEM private key (PKCS#8 or EC PRIVATE KEY) found");
    }
  }

  private static List<X509Certificate> certificates(String pem) throws GeneralSecurityException {
    CertificateFactory cf = CertificateFactory.getInstance("X.509");
    List<X509Certificate> out = new ArrayList<>();
    for (Certificate c : cf.generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
      out.add((X509Certificate) c);
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("no PEM certificate found");
    }
    return out;
  }
}
