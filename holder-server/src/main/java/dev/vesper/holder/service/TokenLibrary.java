package dev.vesper.holder.service;

import dev.vesper.core.crypto.PublicJwk;
import dev.vesper.core.crypto.Sha256;
import dev.vesper.core.crypto.TrustedKeys;
import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.log.entry.IssuanceReceipts;
import dev.vesper.core.phone.NumberEntry;
import dev.vesper.core.sdjwt.DisclosedClaim;
import dev.vesper.core.sdjwt.HolderToken;
import dev.vesper.core.sdjwt.Limits;
import dev.vesper.core.sdjwt.SdJwtVerifier;
import dev.vesper.core.token.VesperProfile;
import dev.vesper.core.token.VesperToken;
import dev.vesper.holder.store.HolderStore;
import dev.vesper.holder.store.PoolStore;
import dev.vesper.holder.store.Rows;
import dev.vesper.server.store.Ids;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A tenant's tokens: import (verified against the trusted issuers, bound to one of the tenant's keys,
 * sealed at rest, joined to the pool of its identity), metadata, the pools' disclosure policies,
 * deletion. Keeps unsealed tokens in a bounded memory cache whose entries are checked against the stored
 * version on every use, so several instances on one PostgreSQL never present with a stale policy or a
 * deleted token; and each tenant's {@link Holdings} for choosing tokens without unsealing them.
 */
public final class TokenLibrary {
  static final String TOKENS_TABLE = "tokens";
  private static final int CACHE_MAX = 10_000;

  /** How long a tenant's holdings are reused before the store is asked again. */
  static final long LISTING_TTL_MS = 1_000;

  private final HolderStore store;
  private final PoolStore poolStore;
  private final Pools pools;
  private final Tenants tenants;
  private final SdJwtVerifier door;
  private final Clock clock;
  private final int maxTokensPerTenant;
  private final ConcurrentHashMap<String, LoadedToken> cache = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Holdings> holdings = new ConcurrentHashMap<>();

  /** A held token as the API lists it: metadata only, never the token, its claims or its key. */
  public record TokenSummary(String id, String issuer, long issuedAt, long expiresAt, String keyId, String poolId, boolean shown) {}

  /** A disclosable claim of a held token: its dotted path ({@code tn} for each number entry) and its value, never a salt. */
  public record HeldClaim(String path, Object value) {}

  /** A held token described: its summary, every disclosable claim, its pool's policy, its issuance receipt (or null). */
  public record TokenDetails(TokenSummary summary, List<HeldClaim> claims, DisclosurePolicy policy, String issuanceReceipt) {}

  public TokenLibrary(HolderStore store, PoolStore poolStore, Pools pools, Tenants tenants, TrustedKeys issuers, Clock clock,
      int maxTokensPerTenant) {
    this.store = store;
    this.poolStore = poolStore;
    this.pools = pools;
    this.tenants = tenants;
    this.door = VesperProfile.verifier(issuers, clock);
    this.clock = clock;
    this.maxTokensPerTenant = maxTokensPerTenant;
    pools.onChange(this::refreshHoldings);
  }

  /**
   * What makes a token the same token for one tenant: SHA-256 of a context, the tenant id and the
   * issuer-signed JWT (a token is the same whichever disclosures come with it). Keyed by the tenant so
   * that it links to no public token hash.
   */
  static String digest(String tenantId, String sdJwt) {
    String issuerJwt = sdJwt.substring(0, sdJwt.indexOf('~'));
    return HexFormat.of().formatHex(Sha256.digest(
        ("vesper/holder-token/v1\0" + tenantId + "\0" + issuerJwt).getBytes(StandardCharsets.US_ASCII)));
  }

  /**
   * Imports a token after verifying it (trusted issuer, cnf key owned by the tenant) into the pool of its
   * identity (issuer, entity type, numbers), once per tenant (409 {@code holder.duplicate_token}) and up to
   * the per-tenant cap (409 {@code holder.token_limit}). {@code receipt}, when given, must be the offline
   * receipt of this token's logged issuance: its entry is checked to name this token; its checkpoint
   * signature is the verifier's to check (docs/transparency.md §4).
   */
  public TokenSummary importToken(Caller caller, String sdJwt, String receipt) throws VesperException {
    return importToken(caller, sdJwt, receipt, null);
  }

  /** Like {@link #importToken(Caller, String, String)}, into the pool {@code poolId} when not null (a refill). */
  TokenSummary importToken(Caller caller, String sdJwt, String receipt, String poolId) throws VesperException {
    HolderToken holder = door.verifyIssued(sdJwt);
    if (receipt != null) {
      IssuanceReceipts.checkNames(receipt, sdJwt.substring(0, sdJwt.indexOf('~')));
    }
    PublicJwk cnf = holder.holderKey();
    Rows.HolderKey key = store.key(caller.tenantId(), cnf.thumbprint())
        .orElseThrow(() -> new VesperException(ErrorCode.HOLDER_KEY_NOT_OWNED, "the token's cnf key is not one of this tenant's keys"));
    Map<String, Object> claims = holder.claims();
    String pool = poolId != null ? poolId
        : pools.forIdentity(caller.tenantId(), (String) claims.get("iss"), claims.get(VesperToken.ENTITY_TYPE), numbers(holder)).id();
    String id = Ids.newId("tok");
    String sealed = tenants.box(caller.tenantId()).seal(TOKENS_TABLE, id, sdJwt);
    Rows.Token row = Rows.Token.imported(id, caller.tenantId(), key.id(), (String) claims.get("iss"), (Long) claims.get("iat"),
          (Long) claims.get("exp"), sealed, clock.millis(), receipt, pool);
    switch (store.insertToken(row, digest(caller.tenantId(), sdJwt), maxTokensPerTenant)) {
      case DUPLICATE -> throw new VesperException(ErrorCode.HOLDER_DUPLICATE_TOKEN, "this tenant holds this token already");
      case LIMIT_REACHED -> throw new VesperException(ErrorCode.HOLDER_TOKEN_LIMIT,
          "this tenant holds " + maxTokensPerTenant + " tokens, the most allowed; delete one first");
      case INSERTED -> { }
    }
    holdings.remove(caller.tenantId());
    return summary(row, null);
  }

  public List<TokenSummary> list(Caller caller) throws VesperException {
    Map<String, String> shown = new HashMap<>();
    for (Rows.TokenState s : store.tokenStates(caller.tenantId())) {
      shown.put(s.id(), s.shownTo());
    }
    List<TokenSummary> out = new ArrayList<>();
    for (Rows.Token t : store.tokensOf(caller.tenantId())) {
      out.add(summary(t, shown.get(t.id())));
    }
    return out;
  }

  /** Metadata plus every disclosable claim path with its value (never a salt) and the policy. */
  public TokenDetails describe(Caller caller, String id) throws VesperException {
    LoadedToken t = load(caller.tenantId(), id);
    Rows.Token row = row(caller.tenantId(), id);
    String shownTo = null;
    for (Rows.TokenState s : store.tokenStates(caller.tenantId())) {
      if (s.id().equals(id)) {
        shownTo = s.shownTo();
      }
    }
    List<HeldClaim> claims = new ArrayList<>();
    for (DisclosedClaim c : t.holder().disclosed()) {
      boolean tnElement = VesperToken.TN.equals(c.path().first()) && c.path().segments().size() == 2;
      if (c.path().segments().size() == 1 && c.disclosure().value() instanceof Map || VesperToken.TN.equals(c.path().toString())) {
        continue; // containers: their members are listed one by one
      }
      claims.add(new HeldClaim(tnElement ? VesperToken.TN : c.path().toString(), c.disclosure().value()));
    }
    return new TokenDetails(summary(row, shownTo), claims, t.policy(), row.issuanceReceipt());
  }

  public void delete(Caller caller, String id) throws VesperException {
    if (!store.deleteToken(caller.tenantId(), id)) {
      throw notFound();
    }
    cache.remove(id);
    holdings.remove(caller.tenantId());
  }

  /** The disclosure policy of the token's pool (the tokens of a pool are interchangeable, so they share it). */
  public DisclosurePolicy policy(Caller caller, String id) throws VesperException {
    return load(caller.tenantId(), id).policy();
  }

  /** Sets the disclosure policy of the token's pool. */
  public void setPolicy(Caller caller, String id, DisclosurePolicy policy) throws VesperException {
    pools.setPolicy(caller.tenantId(), row(caller.tenantId(), id).poolId(), policy);
    holdings.remove(caller.tenantId());
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
   * The token {@code state} lists, unsealed, as current as the holdings it came from (at most
   * {@link #LISTING_TTL_MS} old): the call path's way, which asks the store nothing while the cached copy's
   * version is the listed one. 404 when it was deleted meanwhile.
   */
  LoadedToken load(String tenantId, Rows.TokenState state) throws VesperException {
    LoadedToken cached = cache.get(state.id());
    if (cached != null && cached.version() == state.version() && cached.tenantId().equals(tenantId)) {
      return cached;
    }
    return unseal(row(tenantId, state.id()));
  }

  /**
   * The tenant's holdings. Changes made through this instance show at once; changes made through another
   * instance sharing the PostgreSQL store show within {@link #LISTING_TTL_MS}, the price of not reading
   * the store on every call.
   */
  Holdings holdings(String tenantId) throws VesperException {
    long now = clock.millis();
    Holdings h = holdings.get(tenantId);
    if (h == null || now - h.readAtMs() > LISTING_TTL_MS) {
      Map<String, Pools.View> views = new LinkedHashMap<>();
      for (Rows.Pool p : poolStore.poolsOf(tenantId)) {
        views.put(p.id(), pools.view(p));
      }
      h = new Holdings(store.tokenStates(tenantId), views, now);
      holdings.put(tenantId, h);
    }
    return h;
  }

  /** Forgets the tenant's holdings, so the next use reads the store (after a change this instance made). */
  void refreshHoldings(String tenantId) {
    holdings.remove(tenantId);
  }

  /** All of a tenant's live tokens, unsealed (for matching presentation requests against their claims). */
  List<LoadedToken> loadAll(String tenantId) throws VesperException {
    long nowSeconds = clock.instant().getEpochSecond();
    List<LoadedToken> out = new ArrayList<>();
    Holdings h = holdings(tenantId);
    for (Pools.View p : h.pools()) {
      for (Rows.TokenState t : h.liveTokens(p.id(), nowSeconds)) {
        try {
          out.add(load(tenantId, t));
        } catch (VesperException e) {
          if (e.code() != ErrorCode.REQUEST_NOT_FOUND) {
            throw e;
          }
        }
      }
    }
    return out;
  }

  private LoadedToken unseal(Rows.Token row) throws VesperException {
    String sdJwt = tenants.box(row.tenantId()).openText(TOKENS_TABLE, row.id(), row.tokenSealed());
    HolderToken holder = HolderToken.fromTrustedStore(sdJwt, Limits.DEFAULT);
    Rows.HolderKey keyRow = store.key(row.tenantId(), row.keyId()).orElseThrow(TokenLibrary::notFound);
    Optional<Rows.Pool> pool = poolStore.pool(row.tenantId(), row.poolId());
    DisclosurePolicy policy = pool.isPresent() ? pools.view(pool.get()).policy() : DisclosurePolicy.minimal();
    LoadedToken loaded = new LoadedToken(row.id(), row.tenantId(), row.version(), holder, tenants.signer(keyRow), row.poolId(), policy,
        numbers(holder), row.issuedAt(), row.expiresAt(), row.issuanceReceipt());
    if (cache.size() >= CACHE_MAX) {
      cache.clear();
    }
    cache.put(row.id(), loaded);
    return loaded;
  }

  private static List<NumberEntry> numbers(HolderToken holder) throws VesperException {
    List<NumberEntry> numbers = new ArrayList<>();
    if (holder.claims().get(VesperToken.TN) instanceof List<?> tn) {
      for (Object e : tn) {
        numbers.add(NumberEntry.fromCanonicalJson(e));
      }
    }
    return numbers;
  }

  private Rows.Token row(String tenantId, String id) throws VesperException {
    return store.token(tenantId, id).orElseThrow(TokenLibrary::notFound);
  }

  private static TokenSummary summary(Rows.Token t, String shownTo) {
    return new TokenSummary(t.id(), t.issuer(), t.issuedAt(), t.expiresAt(), t.keyId(), t.poolId(), shownTo != null);
  }

  static VesperException notFound() {
    return new VesperException(ErrorCode.REQUEST_NOT_FOUND, "no such token");
  }
}
