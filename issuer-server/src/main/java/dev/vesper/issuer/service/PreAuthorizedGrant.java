package dev.vesper.issuer.service;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.json.Base64Url;
import dev.vesper.core.json.Json;
import dev.vesper.core.sdjwt.Randomness;
import dev.vesper.issuer.store.OfferStore;
import dev.vesper.issuer.store.Rows;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The token endpoint of the issuer's authorization server for the pre-authorized code grant
 * (OpenID4VCI §6, RFC 6749 §5): form parameters, no client authentication (anonymous access), the
 * code redeemed at most once, the transaction code checked when the offer has one, and an access token
 * of {@link #TOKEN_LIFETIME_SECONDS}, bound to the wallet's DPoP key when it sends a DPoP proof.
 */
public final class PreAuthorizedGrant {
  static final long TOKEN_LIFETIME_SECONDS = 300;

  private final OfferStore offers;
  private final DpopProofs dpop;
  private final Clock clock;
  private final Randomness random;

  public PreAuthorizedGrant(OfferStore offers, DpopProofs dpop, Clock clock, Randomness random) {
    this.offers = offers;
    this.dpop = dpop;
    this.clock = clock;
    this.random = random;
  }

  /**
   * Answers a token request: {@code form} as received (each name with all its values), {@code dpopProof}
   * the DPoP header or null, {@code tokenEndpoint} this endpoint's URL (the proof's {@code htu}).
   */
  public Map<String, Object> token(Map<String, List<String>> form, String dpopProof, String tokenEndpoint) throws VesperException {
    for (Map.Entry<String, List<String>> e : form.entrySet()) {
      if (e.getValue().size() > 1) {
        throw invalidRequest("parameter " + clip(e.getKey()) + " is sent more than once (RFC 6749 §3.2)");
      }
    }
    String grantType = one(form, "grant_type");
    if (grantType == null) {
      throw invalidRequest("grant_type is required");
    }
    if (!IssuerMetadata.PRE_AUTHORIZED_GRANT.equals(grantType)) {
      throw new VesperException(ErrorCode.OID4VC_UNSUPPORTED_GRANT_TYPE, "only the pre-authorized code grant is supported");
    }
    String code = one(form, "pre-authorized_code");
    if (code == null || code.isEmpty() || code.length() > 512) {
      throw invalidRequest("pre-authorized_code is required");
    }
    String txCode = one(form, "tx_code");
    List<Object> details = authorizationDetails(one(form, "authorization_details"));
    String jkt = dpopProof == null ? null : dpop.verify(dpopProof, "POST", tokenEndpoint, null);
    byte[] b = new byte[32];
    random.nextBytes(b);
    String accessToken = Base64Url.encode(b);
    long now = clock.instant().getEpochSecond();
    OfferStore.Redemption outcome = offers.redeem(CredentialOffers.hash(code), now, offer -> txCodeMatches(offer, txCode),
        offer -> new Rows.AccessToken(CredentialOffers.hash(accessToken), offer.entityId(), offer.id(), jkt, details != null,
            now + TOKEN_LIFETIME_SECONDS, null));
    switch (outcome) {
      case WRONG_TX_CODE -> throw new VesperException(ErrorCode.OID4VC_INVALID_GRANT, "the transaction code is wrong");
      case WITHDRAWN -> throw new VesperException(ErrorCode.OID4VC_INVALID_GRANT,
          "the transaction code is wrong; after " + OfferStore.MAX_TX_CODE_FAILURES + " wrong codes the offer is withdrawn");
      case REDEEMED -> { }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("access_token", accessToken);
    out.put("token_type", jkt == null ? "Bearer" : "DPoP");
    out.put("expires_in", TOKEN_LIFETIME_SECONDS);
    if (details != null) {
      List<Object> granted = new ArrayList<>();
      for (Object d : details) {
        Map<String, Object> g = new LinkedHashMap<>(Json.freezeMap(castMap(d)));
        g.put("credential_identifiers", List.of(IssuerMetadata.CONFIGURATION_ID));
        granted.add(g);
      }
      out.put("authorization_details", granted);
    }
    return out;
  }

  private static boolean txCodeMatches(Rows.Offer offer, String txCode) throws VesperException {
    if (offer.txCodeHash() == null) {
      if (txCode != null) {
        throw invalidRequest("this offer takes no tx_code");
      }
      return true;
    }
    if (txCode == null || txCode.isEmpty()) {
      throw invalidRequest("this offer needs the tx_code sent to the holder separately");
    }
    return java.security.MessageDigest.isEqual(CredentialOffers.txCodeHash(offer.id(), txCode).getBytes(StandardCharsets.US_ASCII),
        offer.txCodeHash().getBytes(StandardCharsets.US_ASCII));
  }

  /** authorization_details (RFC 9396) for our one configuration, or null when absent. */
  private static List<Object> authorizationDetails(String json) throws VesperException {
    if (json == null) {
      return null;
    }
    Object parsed;
    try {
      parsed = Json.parse(json.getBytes(StandardCharsets.UTF_8));
    } catch (VesperException e) {
      throw invalidRequest("authorization_details is not JSON");
    }
    if (!(parsed instanceof List<?> list) || list.isEmpty() || list.size() > 10) {
      throw invalidRequest("authorization_details must be a non-empty JSON array");
    }
    for (Object d : list) {
      if (!(d instanceof Map<?, ?> m) || !"openid_credential".equals(m.get("type"))
          || !IssuerMetadata.CONFIGURATION_ID.equals(m.get("credential_configuration_id"))) {
        throw invalidRequest("authorization_details may ask only for {type openid_credential, credential_configuration_id "
            + IssuerMetadata.CONFIGURATION_ID + "}");
      }
    }
    return new ArrayList<>(list);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castMap(Object o) {
    return (Map<String, Object>) o;
  }

  private static String one(Map<String, List<String>> form, String name) {
    List<String> v = form.get(name);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  static VesperException invalidRequest(String message) {
    return new VesperException(ErrorCode.OID4VC_INVALID_REQUEST, message);
  }

  static String clip(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "…" : s;
  }
}
