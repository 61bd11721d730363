package dev.vesper.holder.http;

import dev.vesper.holder.service.AuditTrail;
import dev.vesper.holder.service.Grants;
import dev.vesper.holder.service.OfferRedemption;
import dev.vesper.holder.service.PoolRefiller;
import dev.vesper.holder.service.Pools;
import dev.vesper.holder.service.PresentationResponder;
import dev.vesper.holder.service.Presentations;
import dev.vesper.holder.service.Tenants;
import dev.vesper.holder.service.TokenLibrary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON the holder's routes answer with (holder-openapi.json): one method per service record, members
 * in the documented order. The services return records; only here do they become JSON objects.
 */
final class HolderJson {
  private HolderJson() {}

  static Map<String, Object> tenant(Tenants.NewTenant t) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("tenant_id", t.tenantId());
    out.put("name", t.name());
    out.put("api_key", t.apiKey());
    return out;
  }

  static Map<String, Object> key(Tenants.HolderKeyView k) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("kid", k.kid());
    out.put("jwk", k.jwk().toJson());
    return out;
  }

  static Map<String, Object> token(TokenLibrary.TokenSummary t) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", t.id());
    out.put("issuer", t.issuer());
    out.put("issued_at", t.issuedAt());
    out.put("expires_at", t.expiresAt());
    out.put("key_id", t.keyId());
    out.put("pool_id", t.poolId());
    out.put("shown", t.shown());
    return out;
  }

  /** The summary's members, then every disclosable claim, the policy and the issuance receipt when there is one. */
  static Map<String, Object> token(TokenLibrary.TokenDetails t) {
    Map<String, Object> out = token(t.summary());
    out.put("claims", t.claims().stream().map(c -> {
      Map<String, Object> claim = new LinkedHashMap<>();
      claim.put("path", c.path());
      claim.put("value", c.value());
      return claim;
    }).toList());
    out.put("policy", t.policy().toJson());
    if (t.issuanceReceipt() != null) {
      out.put("issuance_receipt", t.issuanceReceipt());
    }
    return out;
  }

  static Map<String, Object> pool(Pools.PoolView p) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", p.id());
    out.put("issuer", p.issuer());
    out.put("rotation", p.rotation());
    out.put("available", p.available());
    out.put("low_water", p.lowWater());
    out.put("target", p.target());
    Map<String, Object> refill = new LinkedHashMap<>();
    refill.put("grant", p.refillGrant());
    refill.put("last", p.lastRefill());
    out.put("refill", refill);
    out.put("policy", p.policy().toJson());
    return out;
  }

  static Map<String, Object> refilled(PoolRefiller.Refilled r) {
    Map<String, Object> out = pool(r.pool());
    out.put("added", r.added());
    return out;
  }

  static Map<String, Object> grant(Grants.GrantView g) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", g.id());
    out.put("owner_tenant", g.ownerTenant());
    out.put("grantee_tenant", g.granteeTenant());
    out.put("token_id", g.tokenId());
    out.put("pool_id", g.poolId());
    out.put("numbers", g.numbers());
    out.put("claims", g.claims());
    out.put("expires_at", g.expiresAt());
    out.put("revoked_at", g.revokedAt());
    return out;
  }

  /** {@code grant_id} and {@code issuance_receipt} only when there is one; {@code delegation} only for a call made under a grant. */
  static Map<String, Object> callPresentation(Presentations.CallPresentation p) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("presentation", p.presentation());
    out.put("token_id", p.tokenId());
    if (p.grantId() != null) {
      out.put("grant_id", p.grantId());
    }
    out.put("aud", p.aud());
    out.put("nonce", p.nonce());
    if (p.issuanceReceipt() != null) {
      out.put("issuance_receipt", p.issuanceReceipt());
    }
    if (p.delegation() != null) {
      out.put("delegation", p.delegation().toJson());
    }
    return out;
  }

  static Map<String, Object> auditPage(AuditTrail.Page page) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("entries", page.entries().stream().map(e -> {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("id", e.id());
      entry.put("at", e.atMs());
      entry.put("owner_tenant", e.ownerTenant());
      entry.put("actor_tenant", e.actorTenant());
      entry.put("grant_id", e.grantId());
      entry.put("token_id", e.tokenId());
      entry.put("claim_paths", e.claimPaths());
      entry.put("audience", e.audience());
      return entry;
    }).toList());
    out.put("next", page.next());
    return out;
  }

  static Map<String, Object> redemption(OfferRedemption.Redemption r) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("issuer", r.issuer());
    out.put("pool_id", r.poolId());
    out.put("refill", r.refill());
    out.put("tokens", r.tokens().stream().map(HolderJson::token).toList());
    return out;
  }

  /** The verifier accepted the answer: {@code status} is always {@code accepted}. */
  static Map<String, Object> answered(PresentationResponder.Answered a) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("status", "accepted");
    out.put("client_id", a.clientId());
    out.put("disclosed", a.disclosed().stream().map(d -> {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("query", d.query());
      entry.put("token_id", d.tokenId());
      entry.put("claims", d.claims());
      return entry;
    }).toList());
    return out;
  }
}
