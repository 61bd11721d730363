package dev.vesper.holder.service;

import dev.vesper.core.crypto.TrustedKeys;
import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.oid4vc.CredentialOffer;
import dev.vesper.core.token.VesperToken;
import dev.vesper.holder.outbound.Outbound;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Issuance by credential offer (OpenID4VCI 1.0, the wallet's side): resolve the offer and the issuer's
 * metadata, redeem the pre-authorized code (with the transaction code when the offer asks for one) —
 * with a new DPoP key of the tenant when the issuer takes DPoP, so that it may answer with a refresh
 * token bound to that key — then ask for a batch of credentials, one new holder key each, verify all and
 * only then store them, into the pool of their identity. A refresh token becomes the pool's refill grant:
 * the holder refills the pool from then on without the tenant ({@link PoolRefiller}). Reusable:
 * {@link #redeem} takes how many credentials to ask for (at most the issuer's batch size).
 */
public final class OfferRedemption {
  private final Tenants tenants;
  private final TokenLibrary library;
  private final Pools pools;
  private final CredentialClient client;
  private final Outbound outbound;

  OfferRedemption(Tenants tenants, TokenLibrary library, Pools pools, CredentialClient client, Outbound outbound) {
    this.tenants = tenants;
    this.library = library;
    this.pools = pools;
    this.client = client;
    this.outbound = outbound;
  }

  public static OfferRedemption create(Tenants tenants, TokenLibrary library, Pools pools, TrustedKeys issuers,
      Outbound outbound, Clock clock) {
    return new OfferRedemption(tenants, library, pools, new CredentialClient(tenants, issuers, outbound, clock), outbound);
  }

  /** Redeems {@code offerLink} for the caller; returns {@code {"issuer", "pool_id", "refill", "tokens": [{"id", ...}]}}. */
  public Map<String, Object> redeem(Caller caller, String offerLink, String txCode, int count) throws VesperException {
    if (count < 1 || count > 10) {
      throw new VesperException(ErrorCode.REQUEST_BAD_BODY, "count must be 1 to 10");
    }
    CredentialOffer offer = resolve(offerLink);
    if (offer.txCodeRequired() && txCode == null) {
      throw new VesperException(ErrorCode.REQUEST_BAD_BODY, "this offer needs the tx_code the issuer sent you separately");
    }
    IssuerEndpoints issuer = IssuerEndpoints.discover(offer, outbound);
    String dpopKid = issuer.dpop() ? (String) tenants.createKey(caller).get("kid") : null;
    CredentialClient.Access access = client.redeem(caller, issuer, offer, txCode, dpopKid);
    List<CredentialClient.Issued> credentials = client.credentials(caller, issuer, access, dpopKid, count);
    List<Object> stored = new ArrayList<>();
    String poolId = null;
    for (CredentialClient.Issued c : credentials) {
      Map<String, Object> token = library.importToken(caller, c.credential(), c.receipt(), poolId);
      poolId = (String) token.get("pool_id");
      stored.add(token);
    }
    if (access.refreshToken() != null && access.dpop()) {
      Map<String, Object> grant = new LinkedHashMap<>();
      grant.put("credential_issuer", issuer.credentialIssuer());
      grant.put("configuration_id", issuer.configurationId());
      grant.put("refresh_token", access.refreshToken());
      grant.put("dpop_kid", dpopKid);
      pools.setRefill(caller.tenantId(), poolId, grant);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("issuer", offer.credentialIssuer());
    out.put("pool_id", poolId);
    out.put("refill", access.refreshToken() != null && access.dpop());
    out.put("tokens", stored);
    return out;
  }

  private CredentialOffer resolve(String link) throws VesperException {
    Map.Entry<Optional<CredentialOffer>, Optional<URI>> parsed = CredentialOffer.fromLink(link);
    if (parsed.getKey().isPresent()) {
      return parsed.getKey().get();
    }
    Outbound.Response r = outbound.get(parsed.getValue().orElseThrow(), "application/json");
    if (!r.ok()) {
      throw PeerAnswers.refused(r, "the credential_offer_uri");
    }
    return CredentialOffer.parse(r.body());
  }

  static boolean isVesper(Map<?, ?> config) {
    return VesperToken.TYP.equals(config.get("format")) && VesperToken.VCT.equals(config.get("vct"));
  }
}
