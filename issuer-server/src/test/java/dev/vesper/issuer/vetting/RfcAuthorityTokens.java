package dev.vesper.issuer.vetting;

import dev.vesper.core.crypto.PublicJwk;
import dev.vesper.core.crypto.SigningKey;
import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.json.Base64Url;
import dev.vesper.core.phone.TnAuthList;
import dev.vesper.core.stir.Pem;
import dev.vesper.core.stir.StiPki;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * Builds authority tokens byte for byte in the shape of RFC 9448's example (RFC 9447 §4 figure with RFC
 * 9448's {@code TNAuthList}, base64url {@code tkvalue} and {@code "ca":false}): header {@code typ},
 * {@code alg}, then the certificate member; payload {@code iss}, ({@code sub},) {@code exp}, {@code jti},
 * {@code atc} with {@code tktype}, {@code tkvalue}, {@code ca}, {@code fingerprint}. No {@code kid}.
 */
public final class RfcAuthorityTokens {
  public static final String X5U = "https://authority.example.org/cert";
  public static final String ISS = "https://authority.example.org/authz";

  private RfcAuthorityTokens() {}

  /** {@code {"typ":"JWT","alg":"ES256",<certificateMember>}}. */
  public static String header(String certificateMember) {
    return "{\"typ\":\"JWT\",\"alg\":\"ES256\"," + certificateMember + "}";
  }

  /** The header of the RFC's example: the certificate by {@link #X5U}. */
  public static String x5uHeader() {
    return header("\"x5u\":\"" + X5U + "\"");
  }

  /** {@code atc.fingerprint} of {@code key} as a JSON string. */
  public static String fingerprint(PublicJwk key) {
    return "\"" + AccountKeyFingerprint.of(key) + "\"";
  }

  /**
   * A token in the RFC's member order; {@code ca} is the literal member text with its comma (or empty),
   * {@code fingerprint} JSON (or null for none), {@code sub} a string (or null for none).
   */
  public static String token(String header, String tkvalue, String ca, String fingerprint, String sub, SigningKey signer) {
    return signed(header, "{\"iss\":\"" + ISS + "\",", tkvalue, ca, fingerprint, sub, signer);
  }

  /** As {@link #token}, without {@code iss} (optional in RFC 9448 §5.1: the header's certificate names the authority). */
  public static String tokenWithoutIss(String header, String tkvalue, String ca, String fingerprint, String sub, SigningKey signer) {
    return signed(header, "{", tkvalue, ca, fingerprint, sub, signer);
  }

  private static String signed(String header, String opening, String tkvalue, String ca, String fingerprint, String sub, SigningKey signer) {
    String payload = opening
        + (sub == null ? "" : "\"sub\":\"" + sub + "\",")
        + "\"exp\":" + (Instant.now().getEpochSecond() + 3600) + ",\"jti\":\"id6098364921\","
        + "\"atc\":{\"tktype\":\"TNAuthList\",\"tkvalue\":\"" + tkvalue + "\"," + ca
        + (fingerprint == null ? "" : "\"fingerprint\":" + fingerprint + ",");
    payload = payload.substring(0, payload.length() - 1) + "}}";
    String input = Base64Url.encode(header) + "." + Base64Url.encode(payload);
    return input + "." + Base64Url.encode(signer.sign(input.getBytes(StandardCharsets.US_ASCII)));
  }

  /** The RFC's example for {@code numbers}, bound to {@code account}, signed by {@code authority}. */
  public static String example(TnAuthList numbers, PublicJwk account, SigningKey authority) {
    return token(x5uHeader(), Base64Url.encode(numbers.encode()), "\"ca\":false,", fingerprint(account), null, authority);
  }

  /** Trusts {@code pki}'s root, fetching {@link #X5U} as {@code credential}'s chain. */
  public static TrustedSources trusting(StiPki pki, StiPki.Credential credential) throws VesperException {
    return TrustedSources.parse(List.of(rootPem(pki))).withX5u(List.of(ALLOWED), fetcher(credential));
  }

  /** The x5u allow-list entry of the tests: the authority's host. */
  public static final String ALLOWED = "https://authority.example.org/";

  /** The root of {@code pki} as a PEM trust file. */
  public static String rootPem(StiPki pki) {
    return Pem.encode(Pem.x5c(List.of(pki.root())));
  }

  /** A stub fetcher (no network) that serves {@code credential}'s chain at {@link #X5U} and nothing else. */
  public static X5uFetcher fetcher(StiPki.Credential credential) {
    return url -> {
      if (!url.equals(URI.create(X5U))) {
        throw new VesperException(ErrorCode.VETTING_UNTRUSTED_SOURCE, "no such certificate");
      }
      return credential.chain();
    };
  }
}
