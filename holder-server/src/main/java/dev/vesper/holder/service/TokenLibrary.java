package dev.vesper.holder.service;

import dev.vesper.core.crypto.PublicJwk;
import dev.vesper.core.crypto.TrustedKeys;
import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.json.Json;
import dev.vesper.core.phone.NumberEntry;
import dev.vesper.core.sdjwt.DisclosedClaim;
import dev.vesper.core.log.entry.IssuanceReceipts;
import dev.vesper.core.sdjwt.HolderToken;
import dev.vesper.core.sdjwt.Limits;
import dev.vesper.core.sdjwt.SdJwtVerifier;
import dev.vesper.core.token.VesperProfile;
import dev.vesper.core.token.VesperToken;
import dev.vesper.holder.store.HolderStore;
import dev.vesper.holder.store.Rows;
import dev.vesper.server.store.Ids;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A tenant's tokens: import (verified against the trusted issuers, bound to one of the tenant's keys,
 * sealed at rest), metadata, disclosure policies, deletion. Keeps unsealed tokens in a bounded memory
 * cache whose entries are checked against the stored version on every use, so several instances on one
 * PostgreSQL never present with a stale policy or a deleted token.
 */
public final class TokenLibrary {
  static final String TOKENS_TABLE = "tokens";
  private static final int CACHE_MAX = 10_000;

  private final HolderStore store;
  private final Tenants tenants;
  private final SdJwtVerifier door;
  private final Clock clock;
  private final ConcurrentHashMap<String, LoadedToken> cache = new ConcurrentHashMap<>();
  /** Per tenant: its token ids and versions as last read, and when (ms); see {@link #loadAll}. */
  private final ConcurrentHashMap<String, Listing> listings = new ConcurrentHashMap<>();

  /** How long a tenant's token listing is reused before the store is asked again. */
  static final long LISTING_TTL_MS = 1_000;

  private record Listing(List<String[]> idsAndVersions, long readAtMs) {}

  public TokenLibrary(HolderStore store, Tenants tenants, TrustedKeys issuers, Clock clock) {
    this.store = store;
    this.tenants = tenants;
    this.door = VesperProfile.verifier(issuers, clock);
    this.clock = clock;
  }

  /** Verifies and stores {@code sdJwt} for the caller; returns its metadata. */
  /**
   * Imports a token after verifying it (trusted issuer, cnf key owned by the tenant). {@code receipt}, when
   * given, must be the offline receipt of this token's logged issuance: its entry is checked to name this
   * token; its checkpoint signature is the verifier's to check (docs/transparency.md §4).
   */
  public Map<String, Object> importToken(Caller caller, String sdJwt, String receipt) throws VesperException {
    HolderToken holder = door.verifyIssued(sdJwt);
    if (receipt != null) {
      IssuanceReceipts.checkNames(receipt, sdJwt.substring(0, sdJwt.indexOf('~')));
    }
    PublicJwk cnf = holder.holderKey();
    Rows.HolderKey key = store.key(caller.tenantId(), cnf.thumbprint())
        .orElseThrow(() -> new VesperException(ErrorCode.HOLDER_KEY_NOT_OWNED, "the token's cnf key is not one of this tenant's keys"));
    Map<String, Object> claims = holder.claims();
    String id = Ids.newId("tok");
    String sealed = tenants.box(caller.tenantId()).seal(TOKENS_TABLE, id, sdJwt);
    Rows.Token row = new Rows.Token(id, caller.tenantId(), key.id(), (String) claims.get("iss"), (Long) claims.get("iat"),
        (Long) claims.get("exp"), sealed, null, 1, clock.millis(), receipt);
    store.insertToken(row);
    listings.remove(caller.tenantId());
    return summary(row);
  }

  public List<Map<String, Object>> list(Caller caller) throws VesperException {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Rows.Token t : store.tokensOf(caller.tenantId())) {
      out.add(summary(t));
    }
    return out;
  }

  /** Metadata plus every disclosable claim path with its value (never a salt) and the policy. */
  public Map<String, Object> describe(Caller caller, String id) throws VesperException {
    LoadedToken t = load(caller.tenantId(), id);
    Rows.Token row = row(caller.tenantId(), id);
    Map<String, Object> out = summary(row);
    List<Map<String, Object>> claims = new ArrayList<>();
    for (DisclosedClaim c : t.holder().disclosed()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      boolean tnElement = VesperToken.TN.equals(c.path().first()) && c.path().segments().size() == 2;
      if (c.path().segments().size() == 1 && c.disclosure().value() instanceof Map || VesperToken.TN.equals(c.path().toString())) {
        continue; // containers: their members are listed one by one
      }
      entry.put("path", tnElement ? VesperToken.TN : c.path().toString());
      entry.put("value", c.disclosure().value());
      claims.add(entry);
    }
    out.put("claims", claims);
    out.put("policy", t.policy().toJson());
    if (row.issuanceReceipt() != null) {
      out.put("issuance_receipt", row.issuanceReceipt());
    }
    return out;
  }

  public void delete(Caller caller, String id) throws VesperException {
    if (!store.deleteToken(caller.tenantId(), id)) {
      throw notFound();
    }
    cache.remove(id);
    listings.remove(caller.tenantId());
  }

  public Map<String, Object> policy(Caller caller, String id) throws VesperException {
    return load(caller.tenantId(), id).policy().toJson();
  }

  public Map<String, Object> setPolicy(Caller caller, String id, Map<String, Object> json) throws VesperException {
    DisclosurePolicy policy = DisclosurePolicy.fromJson(json);
    if (!store.updatePolicy(caller.tenantId(), id, Json.write(policy.toJson()))) {
      throw notFound();
    }
    cache.remove(id);
    listings.remove(caller.tenantId());
    return policy.toJson();
  }

  /** The caller's token, unsealed, current; 404 for anything not the caller's. */
  LoadedToken load(String tenantId, String id) throws VesperException {
    long version = store.tokenVersion(tenantId, id).orElseThrow(TokenLibrary::notFound);
    LoadedToken cached = cache.get(id);
    if (cached != null && cached.version() == version && cached.tenantId().equals(tenantId)) {
      return cached;
    }
    return unseal(row(tenantId, id));
  }

  /**
   * All of a tenant's tokens, unsealed. Changes made through this instance show at once; changes made
   * through another instance sharing the PostgreSQL store show within {@link #LISTING_TTL_MS}, the
   * price of not reading the store on every call.
   */
  List<LoadedToken> loadAll(String tenantId) throws VesperException {
    long now = clock.millis();
    Listing listing = listings.get(tenantId);
    if (listing == null || now - listing.readAtMs() > LISTING_TTL_MS) {
      listing = new Listing(store.tokenVersions(tenantId), now);
      listings.put(tenantId, listing);
    }
    List<LoadedToken> out = new ArrayList<>();
    for (String[] idAndVersion : listing.idsAndVersions()) {
      LoadedToken cached = cache.get(idAndVersion[0]);
      if (cached != null && cached.version() == Long.parseLong(idAndVersion[1])) {
        out.add(cached);
      } else {
        Optional<Rows.Token> row = store.token(tenantId, idAndVersion[0]);
        if (row.isPresent()) {
          out.add(unseal(row.get()));
        }
      }
    }
    return out;
  }

  private LoadedToken unseal(Rows.Token row) throws VesperException {
    String sdJwt = tenants.box(row.tenantId()).openText(TOKENS_TABLE, row.id(), row.tokenSealed());
    HolderToken holder = HolderToken.fromTrustedStore(sdJwt, Limits.DEFAULT);
    Rows.HolderKey keyRow = store.key(row.tenantId(), row.keyId()).orElseThrow(TokenLibrary::notFound);
    DisclosurePolicy policy = row.policy() == null ? DisclosurePolicy.minimal() : DisclosurePolicy.fromJson(Json.parseObject(row.policy()));
    List<NumberEntry> numbers = new ArrayList<>();
    if (holder.claims().get(VesperToken.TN) instanceof List<?> tn) {
      for (Object e : tn) {
        numbers.add(NumberEntry.fromCanonicalJson(e));
      }
    }
    LoadedToken loaded = new LoadedToken(row.id(), row.tenantId(), row.version(), holder, tenants.signer(keyRow), policy,
        numbers, row.issuedAt(), row.expiresAt(), row.issuanceReceipt());
    if (cache.size() >= CACHE_MAX) {
      cache.clear();
    }
    cache.put(row.id(), loaded);
    return loaded;
  }

  private Rows.Token row(String tenantId, String id) throws VesperException {
    return store.token(tenantId, id).orElseThrow(TokenLibrary::notFound);
  }

  private static Map<String, Object> summary(Rows.Token t) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", t.id());
    out.put("issuer", t.issuer());
    out.put("issued_at", t.issuedAt());
    out.put("expires_at", t.expiresAt());
    out.put("key_id", t.keyId());
    return out;
  }

  static VesperException notFound() {
    return new VesperException(ErrorCode.REQUEST_NOT_FOUND, "no such token");
  }
}
