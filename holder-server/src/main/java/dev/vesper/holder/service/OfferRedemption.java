package dev.vesper.holder.service;

import dev.vesper.core.crypto.TrustedKeys;
import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.json.Json;
import dev.vesper.core.oid4vc.CredentialOffer;
import dev.vesper.core.sdjwt.HolderToken;
import dev.vesper.core.sdjwt.SdJwtVerifier;
import dev.vesper.core.token.VesperProfile;
import dev.vesper.core.token.VesperToken;
import dev.vesper.holder.outbound.Outbound;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Issuance by credential offer (OpenID4VCI 1.0, the wallet's side): resolve the offer and the issuer's
 * metadata, redeem the pre-authorized code (with the transaction code when the offer asks for one), get
 * a {@code c_nonce}, create one new holder key per credential, prove each, ask for the batch, verify every
 * credential against the trusted issuers (the issuer that answered must be its {@code iss}; each bound to
 * one of the new keys) and only then store them all. Reusable: {@link #redeem} takes how many credentials
 * to ask for (at most the issuer's batch size).
 */
public final class OfferRedemption {
  private final Tenants tenants;
  private final TokenLibrary library;
  private final SdJwtVerifier door;
  private final Outbound outbound;

  public OfferRedemption(Tenants tenants, TokenLibrary library, TrustedKeys issuers, Outbound outbound, Clock clock) {
    this.tenants = tenants;
    this.library = library;
    this.door = VesperProfile.verifier(issuers, clock);
    this.outbound = outbound;
  }

  /** Redeems {@code offerLink} for the caller; returns {@code {"tokens": [{"id", ...}], "issuer"}}. */
  public Map<String, Object> redeem(Caller caller, String offerLink, String txCode, int count) throws VesperException {
    if (count < 1 || count > 10) {
      throw new VesperException(ErrorCode.REQUEST_BAD_BODY, "count must be 1 to 10");
    }
    CredentialOffer offer = resolve(offerLink);
    if (offer.txCodeRequired() && txCode == null) {
      throw new VesperException(ErrorCode.REQUEST_BAD_BODY, "this offer needs the tx_code the issuer sent you separately");
    }
    IssuerEndpoints issuer = IssuerEndpoints.discover(offer, outbound);
    int batch = Math.min(count, issuer.batchSize());
    String accessToken = token(issuer, offer, txCode);
    List<String> credentials;
    List<String> kids = new ArrayList<>();
    String nonce = nonce(issuer);
    List<String> proofs = new ArrayList<>();
    for (int i = 0; i < batch; i++) {
      String kid = (String) tenants.createKey(caller).get("kid");
      kids.add(kid);
      proofs.add((String) tenants.proof(caller, kid, offer.credentialIssuer(), nonce).get("proof"));
    }
    credentials = credentials(issuer, accessToken, proofs);
    for (String c : credentials) { // every credential is checked before any is stored
      HolderToken t = door.verifyIssued(c);
      if (!offer.credentialIssuer().equals(t.claims().get("iss"))) {
        throw new VesperException(ErrorCode.OID4VC_BAD_OFFER, "a credential's iss is not the issuer that was asked");
      }
      if (!kids.contains(t.holderKey().thumbprint())) {
        throw new VesperException(ErrorCode.OID4VC_BAD_OFFER, "a credential is bound to none of the keys just proved");
      }
    }
    List<Object> stored = new ArrayList<>();
    for (String c : credentials) {
      stored.add(library.importToken(caller, c, null));
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("issuer", offer.credentialIssuer());
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

  private String token(IssuerEndpoints issuer, CredentialOffer offer, String txCode) throws VesperException {
    StringBuilder form = new StringBuilder("grant_type=").append(enc(CredentialOffer.PRE_AUTHORIZED_GRANT))
        .append("&pre-authorized_code=").append(enc(offer.preAuthorizedCode()));
    if (txCode != null) {
      form.append("&tx_code=").append(enc(txCode));
    }
    Outbound.Response r = outbound.post(issuer.tokenEndpoint(), "application/x-www-form-urlencoded",
        form.toString().getBytes(StandardCharsets.US_ASCII), Map.of("Accept", "application/json"));
    Map<String, Object> body = PeerAnswers.object(r, "the token endpoint", ErrorCode.OID4VC_BAD_OFFER);
    if (!(body.get("access_token") instanceof String token) || token.isEmpty() || !"bearer".equalsIgnoreCase(String.valueOf(body.get("token_type")))) {
      throw new VesperException(ErrorCode.OID4VC_BAD_OFFER, "the token endpoint answered no Bearer access_token");
    }
    return token;
  }

  private String nonce(IssuerEndpoints issuer) throws VesperException {
    if (issuer.nonceEndpoint() == null) {
      return null;
    }
    Outbound.Response r = outbound.post(issuer.nonceEndpoint(), "application/x-www-form-urlencoded", new byte[0], Map.of("Accept", "application/json"));
    if (!(PeerAnswers.object(r, "the nonce endpoint", ErrorCode.OID4VC_BAD_OFFER).get("c_nonce") instanceof String nonce) || nonce.isEmpty()) {
      throw new VesperException(ErrorCode.OID4VC_BAD_OFFER, "the nonce endpoint answered no c_nonce");
    }
    return nonce;
  }

  private List<String> credentials(IssuerEndpoints issuer, String accessToken, List<String> proofs) throws VesperException {
    Map<String, Object> request = Map.of("credential_configuration_id", issuer.configurationId(), "proofs", Map.of("jwt", proofs));
    Outbound.Response r = outbound.post(issuer.credentialEndpoint(), "application/json", Json.write(request).getBytes(StandardCharsets.UTF_8),
        Map.of("Authorization", "Bearer " + accessToken, "Accept", "application/json"));
    if (r.status() == 202) {
      throw new VesperException(ErrorCode.OID4VC_BAD_OFFER, "the issuer deferred issuance, which this wallet does not follow up");
    }
    Map<String, Object> body = PeerAnswers.object(r, "the credential endpoint", ErrorCode.OID4VC_BAD_OFFER);
    if (!(body.get("credentials") instanceof List<?> list) || list.isEmpty() || list.size() > proofs.size()) {
      throw new VesperException(ErrorCode.OID4VC_BAD_OFFER, "the credential endpoint answered no credentials (or more than proofs)");
    }
    List<String> out = new ArrayList<>();
    for (Object o : list) {
      if (!(o instanceof Map<?, ?> m) || !(m.get("credential") instanceof String c) || c.isEmpty()) {
        throw new VesperException(ErrorCode.OID4VC_BAD_OFFER, "each credential is {\"credential\": \"<SD-JWT>\"}");
      }
      out.add(c);
    }
    return out;
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  static boolean isVesper(Map<?, ?> config) {
    return VesperToken.TYP.equals(config.get("format")) && VesperToken.VCT.equals(config.get("vct"));
  }
}
