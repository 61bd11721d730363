package dev.vesper.issuer.service;

import dev.vesper.core.crypto.PublicJwk;
import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.jose.CompactJws;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Proofs of possession of holder keys, OpenID4VCI style (§8.2.1.1 jwt proof type): header
 * {@code typ openid4vci-proof+jwt}, {@code alg ES256}, {@code jwk} the holder's public key (no
 * {@code kid}, {@code x5c}); claims {@code aud} the issuer URL, {@code nonce} from this issuer,
 * {@code iat} within five minutes; signed by the header key. A batch shares one nonce and never
 * repeats a key.
 */
final class Proofs {
  static final String TYP = "openid4vci-proof+jwt";
  static final int MAX_BATCH = 10;
  private static final long MAX_AGE_SECONDS = 300;
  private static final long SKEW_SECONDS = 60;

  /** The verified batch: the holder keys in proof order, and the nonce they share. */
  record Batch(List<PublicJwk> holderKeys, String nonce) {}

  private Proofs() {}

  static Batch verify(List<String> proofs, String issuerUrl, long nowSeconds) throws VesperException {
    if (proofs.isEmpty() || proofs.size() > MAX_BATCH) {
      throw new VesperException(ErrorCode.REQUEST_BAD_BODY, "send 1 to " + MAX_BATCH + " proofs");
    }
    List<PublicJwk> keys = new ArrayList<>();
    Set<String> thumbprints = new HashSet<>();
    String nonce = null;
    for (int i = 0; i < proofs.size(); i++) {
      String what = "proof " + (i + 1);
      CompactJws jws;
      try {
        jws = CompactJws.parse(proofs.get(i), what);
        jws.requireEs256(ErrorCode.ISSUANCE_PROOF_INVALID, ErrorCode.ISSUANCE_PROOF_INVALID, what);
      } catch (VesperException e) {
        throw e.code() == ErrorCode.ISSUANCE_PROOF_INVALID ? e : invalid(what + ": " + e.getMessage());
      }
      if (!TYP.equals(jws.headerString("typ"))) {
        throw invalid(what + " typ must be " + TYP);
      }
      if (jws.header().containsKey("kid") || jws.header().containsKey("x5c")) {
        throw invalid(what + " must name its key by jwk only (no kid, no x5c)");
      }
      if (!(jws.header().get("jwk") instanceof Map<?, ?> jwk)) {
        throw invalid(what + " header needs jwk, the holder's public key");
      }
      PublicJwk key;
      try {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) jwk;
        key = PublicJwk.fromJson(m);
      } catch (VesperException e) {
        throw invalid(what + " jwk: " + e.getMessage());
      }
      if (!key.verify(jws.signingInput(), jws.signature())) {
        throw invalid(what + " is not signed by the key in its header");
      }
      Map<String, Object> claims = jws.payload();
      Object aud = claims.get("aud");
      if (!(issuerUrl.equals(aud) || (aud instanceof List<?> l && l.contains(issuerUrl)))) {
        throw invalid(what + " aud must be this issuer, " + issuerUrl);
      }
      if (!(claims.get("iat") instanceof Long iat) || iat > nowSeconds + SKEW_SECONDS || iat < nowSeconds - MAX_AGE_SECONDS) {
        throw invalid(what + " iat must be an integer within the last " + MAX_AGE_SECONDS + " s");
      }
      if (!(claims.get("nonce") instanceof String n) || n.isEmpty()) {
        throw new VesperException(ErrorCode.ISSUANCE_NONCE_INVALID, what + " carries no nonce; get one from GET /v1/nonce");
      }
      if (nonce != null && !nonce.equals(n)) {
        throw new VesperException(ErrorCode.ISSUANCE_NONCE_INVALID, "all proofs of a batch carry the same nonce");
      }
      nonce = n;
      if (!thumbprints.add(key.thumbprint())) {
        throw invalid(what + " repeats a holder key; each token of a batch needs its own key");
      }
      keys.add(key.withoutKid());
    }
    return new Batch(keys, nonce);
  }

  private static VesperException invalid(String message) {
    return new VesperException(ErrorCode.ISSUANCE_PROOF_INVALID, message);
  }
}
