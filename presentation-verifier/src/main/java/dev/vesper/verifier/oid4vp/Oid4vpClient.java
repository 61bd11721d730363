package dev.vesper.verifier.oid4vp;

import dev.vesper.core.crypto.Signer;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.oid4vc.RequestObjects;
import dev.vesper.core.stir.Pem;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The verifier as an OpenID4VP 1.0 client (§5.9.3): either {@code x509_san_dns:<name>}, whose requests
 * are signed with the certificate's key and served at a {@code request_uri}, or, without a certificate,
 * {@code redirect_uri:<response_uri>}, whose requests travel unsigned, by value. Immutable.
 *
 * @param publicUrl the verifier's public base URL; response and request URIs live under it
 * @param requestKey the key of the certificate, or null for {@code redirect_uri:}
 * @param x5c the certificate chain (base64 DER, leaf first), or empty
 * @param dnsName the leaf's dNSName that is the client identifier, or null
 * @param lifetime how long a request may be answered
 */
public record Oid4vpClient(String publicUrl, Signer requestKey, List<String> x5c, String dnsName, Duration lifetime) {
  public static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(5);

  public Oid4vpClient {
    Objects.requireNonNull(publicUrl, "publicUrl == null");
    x5c = List.copyOf(x5c);
    Objects.requireNonNull(lifetime, "lifetime == null");
    if (publicUrl.endsWith("/")) {
      throw new IllegalArgumentException("the public URL has no trailing slash: " + publicUrl);
    }
  }

  /** Requests by value under {@code redirect_uri:} (the local stack; wallets cannot authenticate it). */
  public static Oid4vpClient byRedirectUri(String publicUrl) {
    return new Oid4vpClient(publicUrl, null, List.of(), null, DEFAULT_LIFETIME);
  }

  /**
   * Signed requests under {@code x509_san_dns:}; the leaf certificate of {@code chainPem} must certify
   * {@code key} and name, as a dNSName, the host of {@code publicUrl} (OpenID4VP §5.9.3: the response
   * URI's host is the client identifier).
   */
  public static Oid4vpClient x509SanDns(String publicUrl, Signer key, String chainPem) throws VesperException {
    List<X509Certificate> chain = Pem.certificates(chainPem);
    if (!Pem.publicKey(chain.get(0)).sameKeyAs(key.publicJwk())) {
      throw new IllegalArgumentException("the request-signing certificate does not certify the request-signing key");
    }
    String host = URI.create(publicUrl).getHost();
    if (!RequestObjects.dnsNames(chain.get(0)).contains(host)) {
      throw new IllegalArgumentException("the request-signing certificate names no dNSName " + host + " (the public URL's host)");
    }
    return new Oid4vpClient(publicUrl, key, Pem.x5c(chain), host, DEFAULT_LIFETIME);
  }

  /** The same client answering within {@code lifetime}. */
  public Oid4vpClient withLifetime(Duration newLifetime) {
    return new Oid4vpClient(publicUrl, requestKey, x5c, dnsName, newLifetime);
  }

  public boolean signsRequests() {
    return requestKey != null;
  }

  /** The response URI of transaction {@code id}. */
  public String responseUri(String id) {
    return publicUrl + "/oid4vp/responses/" + id;
  }

  /** The request URI of transaction {@code id} (signed requests only). */
  public String requestUri(String id) {
    return publicUrl + "/oid4vp/requests/" + id;
  }

  /** The full client identifier, prefix included: what KB-JWTs carry as {@code aud} (§5.9.1, Appendix B.3.6). */
  public String clientId(String id) {
    return signsRequests() ? "x509_san_dns:" + dnsName : "redirect_uri:" + responseUri(id);
  }

}
