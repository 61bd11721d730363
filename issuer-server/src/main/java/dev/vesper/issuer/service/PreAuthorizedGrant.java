package dev.vesper.issuer.service;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.json.Base64Url;
import dev.vesper.core.json.Json;
import dev.vesper.core.sdjwt.Randomness;
import dev.vesper.issuer.store.OfferStore;
import dev.vesper.issuer.store.Rows;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The token endpoint of the issuer's authorization server for the pre-authorized code grant
 * (OpenID4VCI §6, RFC 6749 §5): form parameters, no client authentication (anonymous access), the
 * code redeemed at most once, the transaction code checked when the offer has one, and an access token
 * of {@link #TOKEN_LIFETIME_SECONDS}, bound to the wallet's DPoP key when it sends a DPoP proof. A
 * DPoP-bound redemption also gets a refresh token bound to the same key, with which the wallet later
 * asks for new credentials on its own ({@link #refresh}: how a holder refills its token pool).
 */
public final class PreAuthorizedGrant {
  static final long TOKEN_LIFETIME_SECONDS = 300;
  /** How long a refresh token lets a holder refill its pool; issuance itself stays gated by the vetting. */
  static final long REFRESH_LIFETIME_SECONDS = 90L * 86_400;

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
   * A successful token response (RFC 6749 §5.1): the access token, DPoP-bound or Bearer, its lifetime,
   * a refresh token (or null), and the granted {@code authorization_details} (JSON objects, or null when
   * none were asked for).
   */
  public record AccessGrant(String accessToken, boolean dpop, long expiresIn, String refreshToken, List<Object> authorizationDetails) {}

  /**
   * Answers a token request: {@code form} as received (each name with all its values), {@code dpopProof}
   * the DPoP header or null, {@code tokenEndpoint} this endpoint's URL (the proof's {@code htu}).
   */
  public AccessGrant token(Map<String, List<String>> form, String dpopProof, String tokenEndpoint) throws VesperException {
    for (Map.Entry<String, List<String>> e : form.entrySet()) {
      if (e.getValue().size() > 1) {
        throw invalidRequest("parameter " + clip(e.getKey()) + " is sent more than once (RFC 6749 §3.2)");
      }
    }
    String grantType = one(form, "grant_type");
    if (grantType == null) {
      throw invalidRequest("grant_type is required");
    }
    if (IssuerMetadata.REFRESH_GRANT.equals(grantType)) {
      return refresh(form, dpopProof, tokenEndpoint);
    }
    if (!IssuerMetadata.PRE_AUTHORIZED_GRANT.equals(grantType)) {
      throw new VesperException(ErrorCode.OID4VC_UNSUPPORTED_GRANT_TYPE, "only the pre-authorized code and refresh token grants are supported");
    }
    String code = one(form, "pre-authorized_code");
    if (code == null || code.isEmpty() || code.length() > 512) {
      throw invalidRequest("pre-authorized_code is required");
    }
    String txCode = one(form, "tx_code");
    List<Object> details = authorizationDetails(one(form, "authorization_details"));
    String jkt = dpopProof == null ? null : dpop.verify(dpopProof, "POST", tokenEndpoint, null);
    String accessToken = newToken();
    String refreshToken = jkt == null ? null : newToken();
    long now = clock.instant().getEpochSecond();
    OfferStore.Redemption outcome = offers.redeem(CredentialOffers.hash(code), now, offer -> txCodeMatches(offer, txCode),
        offer -> Rows.AccessToken.granted(CredentialOffers.hash(accessToken), offer.entityId(), offer.id(), jkt, details != null,
            now + TOKEN_LIFETIME_SECONDS),
        offer -> refreshToken == null ? null
            : new Rows.RefreshToken(CredentialOffers.hash(refreshToken), offer.entityId(), offer.id(), jkt, now, now + REFRESH_LIFETIME_SECONDS));
    switch (outcome) {
      case WRONG_TX_CODE -> throw new VesperException(ErrorCode.OID4VC_INVALID_GRANT, "the transaction code is wrong");
      case WITHDRAWN -> throw new VesperException(ErrorCode.OID4VC_INVALID_GRANT,
          "the transaction code is wrong; after " + OfferStore.MAX_TX_CODE_FAILURES + " wrong codes the offer is withdrawn");
      case REDEEMED -> { }
    }
    List<Object> granted = null;
    if (details != null) {
      granted = new ArrayList<>();
      for (Object d : details) {
        Map<String, Object> g = new LinkedHashMap<>(Json.freezeMap(castMap(d)));
        g.put("credential_identifiers", List.of(IssuerMetadata.CONFIGURATION_ID));
        granted.add(g);
      }
    }
    return new AccessGrant(accessToken, jkt != null, TOKEN_LIFETIME_SECONDS, refreshToken, granted);
  }

  /**
   * The refresh token grant (RFC 6749 §6) for a refresh token minted beside a DPoP-bound access token:
   * the request must carry a DPoP proof by the key the refresh token is bound to (RFC 9449 §5); the
   * answer is a new DPoP-bound access token for the same entity, and no new refresh token (a
   * sender-constrained refresh token needs no rotation, RFC 9700 §4.14.2). Issuance still goes through
   * the vetting gate at the credential endpoint.
   */
  private AccessGrant refresh(Map<String, List<String>> form, String dpopProof, String tokenEndpoint) throws VesperException {
    String refreshToken = one(form, "refresh_token");
    if (refreshToken == null || refreshToken.isEmpty() || refreshToken.length() > 512) {
      throw invalidRequest("refresh_token is required");
    }
    if (dpopProof == null) {
      throw new VesperException(ErrorCode.OID4VC_INVALID_DPOP_PROOF, "a refresh token is used with a DPoP proof of the key it is bound to");
    }
    String jkt = dpop.verify(dpopProof, "POST", tokenEndpoint, null);
    String accessToken = newToken();
    long now = clock.instant().getEpochSecond();
    offers.refresh(CredentialOffers.hash(refreshToken), jkt, now, r -> Rows.AccessToken.granted(CredentialOffers.hash(accessToken), r.entityId(),
        r.offerId(), jkt, false, now + TOKEN_LIFETIME_SECONDS));
    return new AccessGrant(accessToken, true, TOKEN_LIFETIME_SECONDS, null, null);
  }

  private String newToken() {
    byte[] b = new byte[32];
    random.nextBytes(b);
    return Base64Url.encode(b);
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
    return MessageDigest.isEqual(CredentialOffers.txCodeHash(offer.id(), txCode).getBytes(StandardCharsets.US_ASCII),
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
