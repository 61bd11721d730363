package dev.vesper.issuer.service;

import dev.vesper.core.crypto.Sha256;
import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.json.Base64Url;
import dev.vesper.core.json.Json;
import dev.vesper.core.sdjwt.Randomness;
import dev.vesper.issuer.store.OfferStore;
import dev.vesper.issuer.store.Rows;
import dev.vesper.server.store.Ids;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Credential offers (OpenID4VCI §4) for vetted entities, with a pre-authorized code (single use,
 * short-lived) and optionally a numeric transaction code delivered out of band. An offer is made only
 * while the entity could be issued tokens; issuance checks the vetting again when the wallet comes.
 */
public final class CredentialOffers {
  static final long DEFAULT_LIFETIME_SECONDS = 600;
  static final long MAX_LIFETIME_SECONDS = 3600;
  static final int TX_CODE_LENGTH = 6;

  private final OfferStore offers;
  private final Entities entities;
  private final Supplier<String> issuerUrl;
  private final Clock clock;
  private final Randomness random;

  public CredentialOffers(OfferStore offers, Entities entities, Supplier<String> issuerUrl, Clock clock, Randomness random) {
    this.offers = offers;
    this.entities = entities;
    this.issuerUrl = issuerUrl;
    this.clock = clock;
    this.random = random;
  }

  /**
   * An offer just made: the credential offer (the JSON object OpenID4VCI §4.1.1 defines, also served at
   * {@code credentialOfferUri}), the {@code openid-credential-offer://} link to it, when it lapses, and the
   * transaction code (null when none is needed), shown this once.
   */
  public record Offer(Map<String, Object> credentialOffer, String credentialOfferUri, String link, long expiresAt, String txCode) {}

  /**
   * Makes an offer for {@code entityId}; the transaction code is shown this once, to be sent to the
   * holder through another channel than the offer.
   */
  public Offer create(Caller caller, String entityId, boolean withTxCode, Long lifetimeSeconds) throws VesperException {
    long lifetime = lifetimeSeconds == null ? DEFAULT_LIFETIME_SECONDS : lifetimeSeconds;
    if (lifetime < 30 || lifetime > MAX_LIFETIME_SECONDS) {
      throw new VesperException(ErrorCode.REQUEST_BAD_BODY, "expires_in must be 30 to " + MAX_LIFETIME_SECONDS + " seconds");
    }
    entities.eligible(caller, entityId); // the vetting gate: 404 for others' entities, vetting.* when not eligible
    String url = issuerUrl.get();
    String id = Ids.newId("off");
    String code = randomText(32);
    String txCode = withTxCode ? digits(TX_CODE_LENGTH) : null;
    Map<String, Object> grant = new LinkedHashMap<>();
    grant.put("pre-authorized_code", code);
    if (txCode != null) {
      grant.put("tx_code", Map.of("input_mode", "numeric", "length", TX_CODE_LENGTH,
          "description", "The code the issuer sent you separately"));
    }
    Map<String, Object> offer = new LinkedHashMap<>();
    offer.put("credential_issuer", url);
    offer.put("credential_configuration_ids", List.of(IssuerMetadata.CONFIGURATION_ID));
    offer.put("grants", Map.of(IssuerMetadata.PRE_AUTHORIZED_GRANT, grant));
    long now = clock.instant().getEpochSecond();
    offers.insertOffer(Rows.Offer.created(id, entityId, hash(code), txCode == null ? null : txCodeHash(id, txCode), Json.write(offer), now,
        now + lifetime), Events.of(clock.millis(), entityId, null, "credential_offer_created",
        Map.of("offer_id", id, "expires_at", now + lifetime, "tx_code", txCode != null)));
    String uri = url + IssuerMetadata.OFFERS_PATH + id;
    return new Offer(offer, uri, "openid-credential-offer://?credential_offer_uri=" + URLEncoder.encode(uri, StandardCharsets.UTF_8),
        now + lifetime, txCode);
  }

  /** The offer JSON served at its {@code credential_offer_uri}, while it can be redeemed. */
  /**
   * Revokes every refresh token of the entity (a holder service it no longer trusts, say): its pools are
   * refilled no more until a new offer is redeemed. Returns how many were revoked.
   */
  public int revokeRefreshTokens(Caller caller, String entityId) throws VesperException {
    entities.entity(caller, entityId);
    return offers.revokeRefreshTokens(entityId, clock.instant().getEpochSecond());
  }

  public String offerJson(String id) throws VesperException {
    return offers.openOffer(id, clock.instant().getEpochSecond()).map(Rows.Offer::offerJson)
        .orElseThrow(() -> new VesperException(ErrorCode.REQUEST_NOT_FOUND, "no such offer, or it expired or was used"));
  }

  static String hash(String secret) {
    return Base64Url.encode(Sha256.digest(secret.getBytes(StandardCharsets.UTF_8)));
  }

  static String txCodeHash(String offerId, String txCode) {
    return hash(offerId + ":" + txCode);
  }

  private String randomText(int bytes) {
    byte[] b = new byte[bytes];
    random.nextBytes(b);
    return Base64Url.encode(b);
  }

  private String digits(int n) {
    StringBuilder out = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      out.append(random.nextInt(10));
    }
    return out.toString();
  }
}
