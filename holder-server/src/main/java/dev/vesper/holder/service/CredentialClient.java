package dev.vesper.holder.service;

import dev.vesper.core.crypto.TrustedKeys;
import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.json.Json;
import dev.vesper.core.log.entry.IssuanceReceipts;
import dev.vesper.core.oid4vc.CredentialOffer;
import dev.vesper.core.sdjwt.HolderToken;
import dev.vesper.core.sdjwt.SdJwtVerifier;
import dev.vesper.core.token.VesperProfile;
import dev.vesper.holder.outbound.Outbound;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The wallet's side of an OpenID4VCI issuer's token and credential endpoints, shared by offer redemption
 * and pool refill: redeem a pre-authorized code or a refresh token for an access token (DPoP-bound when
 * the wallet has a DPoP key and the issuer takes ES256 DPoP proofs), then ask for a batch — one new holder
 * key per credential, each proved — and verify every credential (trusted issuer, {@code iss} the issuer
 * asked, bound to one of the new keys) before returning any.
 */
final class CredentialClient {
  private final Tenants tenants;
  private final SdJwtVerifier door;
  private final Outbound outbound;

  CredentialClient(Tenants tenants, TrustedKeys issuers, Outbound outbound, Clock clock) {
    this.tenants = tenants;
    this.door = VesperProfile.verifier(issuers, clock);
    this.outbound = outbound;
  }

  /** What the token endpoint granted: the access token, whether it is DPoP-bound, and a refresh token if any. */
  record Access(String accessToken, boolean dpop, String refreshToken) {}

  /** Redeems the offer's pre-authorized code (with {@code txCode}); {@code dpopKid} null for a Bearer token. */
  Access redeem(Caller caller, IssuerEndpoints issuer, CredentialOffer offer, String txCode, String dpopKid) throws VesperException {
    StringBuilder form = new StringBuilder("grant_type=").append(enc(CredentialOffer.PRE_AUTHORIZED_GRANT))
        .append("&pre-authorized_code=").append(enc(offer.preAuthorizedCode()));
    if (txCode != null) {
      form.append("&tx_code=").append(enc(txCode));
    }
    return token(caller, issuer, form.toString(), dpopKid);
  }

  /** A new access token for the refresh token, proved with the DPoP key it is bound to (RFC 6749 §6, RFC 9449 §5). */
  Access refresh(Caller caller, IssuerEndpoints issuer, String refreshToken, String dpopKid) throws VesperException {
    return token(caller, issuer, "grant_type=refresh_token&refresh_token=" + enc(refreshToken), dpopKid);
  }

  /** A verified credential and the offline receipt of its logged issuance, when the issuer sent one (else null). */
  record Issued(String credential, String receipt) {}

  /**
   * Asks for {@code count} credentials (at most the batch size), each to a new key of the caller; all
   * verified, and each receipt checked to name its credential, before any is returned.
   */
  List<Issued> credentials(Caller caller, IssuerEndpoints issuer, Access access, String dpopKid, int count) throws VesperException {
    String nonce = nonce(issuer);
    List<String> kids = new ArrayList<>();
    List<String> proofs = new ArrayList<>();
    for (int i = 0; i < Math.min(count, issuer.batchSize()); i++) {
      String kid = tenants.createKey(caller).kid();
      kids.add(kid);
      proofs.add(tenants.proof(caller, kid, issuer.credentialIssuer(), nonce));
    }
    Map<String, Object> request = Map.of("credential_configuration_id", issuer.configurationId(), "proofs", Map.of("jwt", proofs));
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Accept", "application/json");
    if (access.dpop()) {
      headers.put("Authorization", "DPoP " + access.accessToken());
      headers.put("DPoP", tenants.dpopProof(caller, dpopKid, "POST", issuer.credentialEndpoint(), access.accessToken()));
    } else {
      headers.put("Authorization", "Bearer " + access.accessToken());
    }
    Outbound.Response r = outbound.post(issuer.credentialEndpoint(), "application/json", Json.write(request).getBytes(StandardCharsets.UTF_8),
        headers);
    if (r.status() == 202) {
      throw new VesperException(ErrorCode.OID4VC_BAD_OFFER, "the issuer deferred issuance, which this wallet does not follow up");
    }
    Map<String, Object> body = PeerAnswers.object(r, "the credential endpoint", ErrorCode.OID4VC_BAD_OFFER);
    if (!(body.get("credentials") instanceof List<?> list) || list.isEmpty() || list.size() > proofs.size()) {
      throw new VesperException(ErrorCode.OID4VC_BAD_OFFER, "the credential endpoint answered no credentials (or more than proofs)");
    }
    List<Issued> out = new ArrayList<>();
    for (Object o : list) {
      if (!(o instanceof Map<?, ?> m) || !(m.get("credential") instanceof String c) || c.isEmpty()
          || m.get("issuance_receipt") != null && !(m.get("issuance_receipt") instanceof String)) {
        throw new VesperException(ErrorCode.OID4VC_BAD_OFFER, "each credential is {\"credential\": \"<SD-JWT>\"}");
      }
      out.add(new Issued(c, (String) m.get("issuance_receipt")));
    }
    for (Issued issued : out) { // every credential is checked before any is stored
      String c = issued.credential();
      if (issued.receipt() != null) {
        try {
          IssuanceReceipts.checkNames(issued.receipt(), c.substring(0, c.indexOf('~')));
        } catch (VesperException e) {
          throw new VesperException(ErrorCode.OID4VC_BAD_OFFER, "a credential's issuance_receipt is not of its issuance: " + e.getMessage());
        }
      }
      HolderToken t = door.verifyIssued(c);
      if (!issuer.credentialIssuer().equals(t.claims().get("iss"))) {
        throw new VesperException(ErrorCode.OID4VC_BAD_OFFER, "a credential's iss is not the issuer that was asked");
      }
      if (!kids.contains(t.holderKey().thumbprint())) {
        throw new VesperException(ErrorCode.OID4VC_BAD_OFFER, "a credential is bound to none of the keys just proved");
      }
    }
    return out;
  }

  private Access token(Caller caller, IssuerEndpoints issuer, String form, String dpopKid) throws VesperException {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Accept", "application/json");
    if (dpopKid != null) {
      headers.put("DPoP", tenants.dpopProof(caller, dpopKid, "POST", issuer.tokenEndpoint(), null));
    }
    Outbound.Response r = outbound.post(issuer.tokenEndpoint(), "application/x-www-form-urlencoded", form.getBytes(StandardCharsets.US_ASCII),
        headers);
    Map<String, Object> body = PeerAnswers.object(r, "the token endpoint", ErrorCode.OID4VC_BAD_OFFER);
    String type = String.valueOf(body.get("token_type"));
    boolean dpop = "dpop".equalsIgnoreCase(type);
    if (!(body.get("access_token") instanceof String token) || token.isEmpty() || !dpop && !"bearer".equalsIgnoreCase(type)
        || dpop && dpopKid == null) {
      throw new VesperException(ErrorCode.OID4VC_BAD_OFFER, "the token endpoint answered no Bearer or DPoP access_token");
    }
    String refresh = body.get("refresh_token") instanceof String s && !s.isEmpty() && s.length() <= 512 ? s : null;
    return new Access(token, dpop, refresh);
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

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
