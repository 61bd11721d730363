package dev.vesper.issuer.http;

import dev.vesper.core.crypto.PublicJwk;
import dev.vesper.issuer.service.CredentialOffers;
import dev.vesper.issuer.service.Entities;
import dev.vesper.issuer.service.Issuance;
import dev.vesper.issuer.service.PreAuthorizedGrant;
import dev.vesper.issuer.service.Tokens;
import dev.vesper.issuer.store.Rows;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON the issuer's routes answer with (issuer-openapi.json, OpenID4VCI): one method per service
 * record, members in the documented order. The services return records; only here do they become JSON.
 */
final class IssuerJson {
  private IssuerJson() {}

  /** The entity, with {@code api_key} last. */
  static Map<String, Object> registered(Entities.Registered r) {
    Map<String, Object> out = entity(r.entity());
    out.put("api_key", r.apiKey());
    return out;
  }

  /** {@code reason} only for a rejected entity, {@code account_key} only when one is registered. */
  static Map<String, Object> entity(Entities.EntityView e) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", e.id());
    out.put("entity_type", e.entityType());
    out.put("kyc_state", e.kycState().id());
    if (e.reason() != null) {
      out.put("reason", e.reason());
    }
    out.put("claimed", e.claimed());
    out.put("verified_attributes", e.verifiedAttributes());
    out.put("unverified_attributes", e.unverifiedAttributes());
    out.put("numbers", e.numbers().stream().map(n -> {
      Map<String, Object> number = new LinkedHashMap<>();
      number.put("number", n.number().toJson());
      number.put("right_to_use", n.rightToUse());
      return number;
    }).toList());
    out.put("listed_publicly", e.listedPublicly());
    if (e.accountKey() != null) {
      Map<String, Object> key = new LinkedHashMap<>();
      key.put("jwk", e.accountKey().jwk().toJson());
      key.put("fingerprint", e.accountKey().fingerprint());
      out.put("account_key", key);
    }
    out.put("vetting", e.vetting().stream().map(IssuerJson::decision).toList());
    out.put("created_at", e.createdAt());
    return out;
  }

  /** {@code level} and {@code reason} only when the decision has them; {@code decided_at} in epoch seconds. */
  private static Map<String, Object> decision(Rows.Decision d) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("source", d.source());
    out.put("decision", d.decision());
    out.put("provider", d.provider());
    out.put("method", d.method());
    if (d.level() != null) {
      out.put("level", d.level());
    }
    out.put("attributes", d.attributes());
    if (d.reason() != null) {
      out.put("reason", d.reason());
    }
    out.put("decided_at", d.decidedAt() / 1000);
    return out;
  }

  static Map<String, Object> numberKeys(List<Entities.NumberKey> keys) {
    return Map.of("numbers", keys.stream().map(k -> {
      Map<String, Object> key = new LinkedHashMap<>();
      key.put("number", k.number().toJson());
      key.put("key", k.key());
      return key;
    }).toList());
  }

  /**
   * {@code status_reason} and {@code status_changed_at} once the status changed, {@code listed_publicly}
   * when numbers are listed, {@code log_state} (and when logged {@code log_index}, {@code issuance_receipt})
   * when the issuer reports to a log.
   */
  static Map<String, Object> token(Tokens.TokenView t) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", t.id());
    out.put("entity_id", t.entityId());
    out.put("status", t.status());
    if (t.statusReason() != null) {
      out.put("status_reason", t.statusReason());
      out.put("status_changed_at", t.statusChangedAt());
    }
    Map<String, Object> statusList = new LinkedHashMap<>();
    statusList.put("uri", t.statusList().uri());
    statusList.put("idx", t.statusList().idx());
    out.put("status_list", statusList);
    out.put("token_sha256", t.tokenSha256());
    out.put("holder_key_thumbprint", t.holderKeyThumbprint());
    out.put("issuer_kid", t.issuerKid());
    out.put("tn", t.tn());
    if (t.listedPublicly() != null) {
      out.put("listed_publicly", t.listedPublicly());
    }
    out.put("issued_at", t.issuedAt());
    out.put("expires_at", t.expiresAt());
    if (t.log() != null) {
      out.put("log_state", t.log().logged() ? "logged" : "pending");
      if (t.log().logged()) {
        out.put("log_index", t.log().index());
        out.put("issuance_receipt", t.log().receipt());
      }
    }
    return out;
  }

  static Map<String, Object> tokens(List<Tokens.TokenView> tokens) {
    return Map.of("tokens", tokens.stream().map(IssuerJson::token).toList());
  }

  /** {@code POST /v1/entities/{id}/tokens}: {@code receipt} only when the log gave one in time. */
  static Map<String, Object> issued(List<Issuance.Issued> issued) {
    return Map.of("tokens", issued.stream().map(i -> {
      Map<String, Object> t = new LinkedHashMap<>();
      t.put("id", i.id());
      t.put("token", i.token());
      if (i.receipt() != null) {
        t.put("receipt", i.receipt());
      }
      return t;
    }).toList());
  }

  /** The OpenID4VCI credential response; {@code issuance_receipt} is ours (wallets that do not know it ignore it). */
  static Map<String, Object> credentials(List<Issuance.Issued> issued) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("credentials", issued.stream().map(i -> {
      Map<String, Object> credential = new LinkedHashMap<>();
      credential.put("credential", i.token());
      if (i.receipt() != null) {
        credential.put("issuance_receipt", i.receipt());
      }
      return credential;
    }).toList());
    return out;
  }

  static Map<String, Object> nonce(Issuance.Nonce n) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("nonce", n.nonce());
    out.put("expires_in", n.expiresIn());
    return out;
  }

  /** The token response (RFC 6749 §5.1); {@code refresh_token} and {@code authorization_details} when granted. */
  static Map<String, Object> accessGrant(PreAuthorizedGrant.AccessGrant g) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("access_token", g.accessToken());
    out.put("token_type", g.dpop() ? "DPoP" : "Bearer");
    out.put("expires_in", g.expiresIn());
    if (g.refreshToken() != null) {
      out.put("refresh_token", g.refreshToken());
    }
    if (g.authorizationDetails() != null) {
      out.put("authorization_details", g.authorizationDetails());
    }
    return out;
  }

  /** {@code tx_code} only when the offer needs one (shown this once). */
  static Map<String, Object> offer(CredentialOffers.Offer o) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("credential_offer", o.credentialOffer());
    out.put("credential_offer_uri", o.credentialOfferUri());
    out.put("offer", o.link());
    out.put("expires_at", o.expiresAt());
    if (o.txCode() != null) {
      out.put("tx_code", o.txCode());
    }
    return out;
  }

  static Map<String, Object> jwks(List<PublicJwk> keys) {
    return Map.of("keys", keys.stream().map(PublicJwk::toJson).toList());
  }

  /** SD-JWT VC issuer metadata: {@code issuer} and {@code jwks} inline. */
  static Map<String, Object> metadata(String issuer, List<PublicJwk> keys) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("issuer", issuer);
    out.put("jwks", jwks(keys));
    return out;
  }
}
