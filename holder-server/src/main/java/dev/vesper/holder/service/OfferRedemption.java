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

  /** What a redeemed offer gave: the issuer, the pool the tokens joined, whether it has a refill grant now, the tokens. */
  public record Redemption(String issuer, String poolId, boolean refill, List<TokenLibrary.TokenSummary> tokens) {}

  /** Redeems {@code offerLink} for the caller. */
  public Redemption redeem(Caller caller, String offerLink, String txCode, int count) throws VesperException {
    if (count < 1 || count > 10) {
      throw new VesperException(ErrorCode.REQUEST_BAD_BODY, "count must be 1 to 10");
    }
    CredentialOffer offer = resolve(offerLink);
    if (offer.txCodeRequired() && txCode == null) {
      throw new VesperException(ErrorCode.REQUEST_BAD_BODY, "this offer needs the tx_code the issuer sent you separately");
    }
    IssuerEndpoints issuer = IssuerEndpoints.discover(offer, outbound);
    String dpopKid = issuer.dpop() ? tenants.createKey(caller).kid() : null;
    CredentialClient.Access access = client.redeem(caller, issuer, offer, txCode, dpopKid);
    List<CredentialClient.Issued> credentials = client.credentials(caller, issuer, access, dpopKid, count);
    List<TokenLibrary.TokenSummary> stored = new ArrayList<>();
    String poolId = null;
    for (CredentialClient.Issued c : credentials) {
      TokenLibrary.TokenSummary token = library.importToken(caller, c.credential(), c.receipt(), poolId);
      poolId = token.poolId();
      stored.add(token);
    }
    boolean refill = access.refreshToken() != null && access.dpop();
    if (refill) {
      pools.setRefill(caller.tenantId(), poolId,
          new Pools.RefillGrant(issuer.credentialIssuer(), issuer.configurationId(), access.refreshToken(), dpopKid));
    }
    return new Redemption(offer.credentialIssuer(), poolId, refill, stored);
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
