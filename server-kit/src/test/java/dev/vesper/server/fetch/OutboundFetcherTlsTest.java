package dev.vesper.server.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

/**
 * HTTPS to a pinned address: the stub resolver sends {@code cert.test} (and {@code other.test}) to
 * loopback, the fetcher connects there and TLS still checks the certificate against the name in the URL.
 */
class OutboundFetcherTlsTest {
  @Test
  void tlsVerifiesTheNameWhileConnectingToTheCheckedAddress() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair keys = g.generateKeyPair();
    Instant now = Instant.now();
    X509Certificate cert = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(
        new X500Name("CN=cert.test"), BigInteger.ONE, Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))),
        new X500Name("CN=cert.test"), keys.getPublic())
        .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(GeneralName.dNSName, "cert.test")))
        .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
    KeyStore serverStore = KeyStore.getInstance("PKCS12");
    serverStore.load(null, null);
    serverStore.setKeyEntry("tls", keys.getPrivate(), "pw".toCharArray(), new X509Certificate[] {cert});
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(serverStore, "pw".toCharArray());
    SSLContext serverTls = SSLContext.getInstance("TLS");
    serverTls.init(kmf.getKeyManagers(), null, null);
    KeyStore trustStore = KeyStore.getInstance("PKCS12");
    trustStore.load(null, null);
    trustStore.setCertificateEntry("ca", cert);
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trustStore);
    SSLContext clientTls = SSLContext.getInstance("TLS");
    clientTls.init(null, tmf.getTrustManagers(), null);

    HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(serverTls));
    server.createContext("/chain.pem", ex -> {
      TestHttp.send(ex, 200, "application/pem-certificate-chain", "-----BEGIN CERTIFICATE-----");
      ex.close();
    });
    server.start();
    try {
      Resolver loopback = host -> List.of(InetAddress.getLoopbackAddress());
      OutboundFetcher fetcher = OutboundFetcher.create(loopback, Clock.systemUTC()).forLocalTesting().trusting(clientTls);
      FetchRules rules = FetchRules.of("certificate").rememberFailuresFor(Duration.ZERO);
      int port = server.getAddress().getPort();
      Fetched f = fetcher.fetch("https://cert.test:" + port + "/chain.pem", rules);
      assertThat(f.mediaType()).isEqualTo("application/pem-certificate-chain");
      assertThat(f.text()).startsWith("-----BEGIN");
      assertThatThrownBy(() -> fetcher.fetch("https://other.test:" + port + "/chain.pem", rules)).as("the name is checked")
          .extracting(e -> ((VesperException) e).code()).isEqualTo(ErrorCode.FETCH_FAILED);
      OutboundFetcher untrusting = OutboundFetcher.create(loopback, Clock.systemUTC()).forLocalTesting();
      assertThatThrownBy(() -> untrusting.fetch("https://cert.test:" + port + "/chain.pem", rules)).as("the chain is checked")
          .extracting(e -> ((VesperException) e).code()).isEqualTo(ErrorCode.FETCH_FAILED);
    } finally {
      server.stop(0);
    }
  }
}
