package dev.vesper.issuer.service;

import dev.vesper.core.crypto.PublicJwk;
import dev.vesper.core.crypto.Sha256;
import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.jose.CompactJws;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * DPoP proofs (RFC 9449 §4.3), accepted when a wallet sends them: {@code typ dpop+jwt}, ES256, the
 * public {@code jwk} that signed it, {@code htm} and {@code htu} of this request, a fresh {@code iat},
 * a {@code jti} not seen within the window, and at the credential endpoint {@code ath}, the hash of the
 * access token. Seen {@code jti}s are kept per instance (bounded); a proof replayed to another instance
 * within the window is caught only by the access token being single use.
 */
public final class DpopProofs {
  static final long MAX_AGE_SECONDS = 300;
  static final long SKEW_SECONDS = 60;
  private static final int MAX_SEEN = 100_000;

  private final Clock clock;
  private final Map<String, Long> seen = new LinkedHashMap<>();

  public DpopProofs(Clock clock) {
    this.clock = clock;
  }

  /**
   * Verifies {@code proof} for a request of {@code method} to {@code uri}; {@code accessToken} is the
   * token the request carries, or null (token endpoint). Returns the key's RFC 7638 thumbprint.
   */
  public String verify(String proof, String method, String uri, String accessToken) throws VesperException {
    CompactJws jws;
    try {
      jws = CompactJws.parse(proof, "DPoP proof");
      jws.requireEs256(ErrorCode.OID4VC_INVALID_DPOP_PROOF, ErrorCode.OID4VC_INVALID_DPOP_PROOF, "DPoP proof");
    } catch (VesperException e) {
      throw invalid(e.getMessage());
    }
    if (!"dpop+jwt".equals(jws.headerString("typ"))) {
      throw invalid("the DPoP proof typ must be dpop+jwt");
    }
    PublicJwk key;
    try {
      @SuppressWarnings("unchecked")
      Map<String, Object> jwk = jws.header().get("jwk") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
      key = PublicJwk.fromJson(jwk);
    } catch (VesperException e) {
      throw invalid("the DPoP proof needs the public jwk that signed it: " + e.getMessage());
    }
    if (!key.verify(jws.signingInput(), jws.signature())) {
      throw invalid("the DPoP proof is not signed by its jwk");
    }
    Map<String, Object> claims = jws.payload();
    if (!method.equals(claims.get("htm")) || !(claims.get("htu") instanceof String htu) || !uri.equals(withoutQuery(htu))) {
      throw invalid("the DPoP proof is for another request (htm " + method + ", htu " + uri + " expected)");
    }
    long now = clock.instant().getEpochSecond();
    if (!(claims.get("iat") instanceof Long iat) || iat > now + SKEW_SECONDS || iat < now - MAX_AGE_SECONDS) {
      throw invalid("the DPoP proof iat must be an integer within the last " + MAX_AGE_SECONDS + " s");
    }
    if (!(claims.get("jti") instanceof String jti) || jti.isEmpty() || jti.length() > 256) {
      throw invalid("the DPoP proof needs a jti");
    }
    if (accessToken != null && !Sha256.base64UrlOfAscii(accessToken).equals(claims.get("ath"))) {
      throw invalid("the DPoP proof ath is not the hash of the access token");
    }
    if (!firstSighting(key.thumbprint() + " " + jti, now)) {
      throw invalid("the DPoP proof was used before");
    }
    return key.thumbprint();
  }

  private synchronized boolean firstSighting(String id, long now) {
    var oldest = seen.values().iterator(); // insertion order is expiry order: drop the expired head
    while (oldest.hasNext()) {
      if (oldest.next() > now) {
        break;
      }
      oldest.remove();
    }
    if (seen.containsKey(id)) {
      return false;
    }
    if (seen.size() >= MAX_SEEN) {
      seen.remove(seen.keySet().iterator().next());
    }
    seen.put(id, now + MAX_AGE_SECONDS + SKEW_SECONDS);
    return true;
  }

  private static String withoutQuery(String uri) {
    int cut = uri.length();
    for (char c : new char[] {'?', '#'}) {
      int i = uri.indexOf(c);
      if (i >= 0 && i < cut) {
        cut = i;
      }
    }
    return uri.substring(0, cut);
  }

  private static VesperException invalid(String message) {
    return new VesperException(ErrorCode.OID4VC_INVALID_DPOP_PROOF, message);
  }
}
