package dev.vesper.holder.service;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.phone.TelephoneNumber;
import dev.vesper.holder.store.HolderStore;
import dev.vesper.holder.store.Rows;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * The rotation rule (docs/holder.md, "Token pools"): which token of a tenant's pools goes to an audience,
 * recorded before anything is signed. Under {@link Rotation#PER_CALL} only a token never shown; under
 * {@link Rotation#PER_AUDIENCE} the token already shown to that audience, else one never shown; under
 * {@link Rotation#FIXED} the longest-lived. The record is a conditional update in the store, so no token is
 * ever shown to two audiences under the first two rules, whatever several instances do at once. When a
 * pool runs low, {@code lowStock} hears of it (the refill); when it has nothing to give, the caller gets
 * {@link ErrorCode#HOLDER_POOL_EXHAUSTED} rather than a token shown before.
 */
public final class PoolSelector {
  /** Audience tags are keyed per tenant under this purpose. */
  static final String AUDIENCE = "audience";

  private final TokenLibrary library;
  private final HolderStore store;
  private final Tenants tenants;
  private final Clock clock;
  private final BiConsumer<String, String> lowStock;

  /** {@code lowStock} receives (tenant id, pool id) when a pool falls below its low-water mark. */
  public PoolSelector(TokenLibrary library, HolderStore store, Tenants tenants, Clock clock, BiConsumer<String, String> lowStock) {
    this.library = library;
    this.store = store;
    this.tenants = tenants;
    this.clock = clock;
    this.lowStock = lowStock;
  }

  /**
   * A token of the tenant's pools that {@code pools} accepts, covering {@code number} (null: any), that
   * may go to {@code audience}, claimed for it; null when no pool of the tenant could have one (so the
   * caller may look elsewhere, at grants).
   *
   * @throws VesperException {@link ErrorCode#HOLDER_POOL_EXHAUSTED} when pools fit but none has a token
   *     that may go to this audience
   */
  LoadedToken choose(String tenantId, TelephoneNumber number, String audience, Predicate<Pools.View> pools) throws VesperException {
    Holdings h = library.holdings(tenantId);
    String tag = tag(tenantId, audience);
    long now = clock.instant().getEpochSecond();
    List<String> exhausted = new ArrayList<>();
    for (Pools.View pool : ordered(h.pools())) {
      if (!pools.test(pool) || number != null && !pool.mayCover(number)) {
        continue;
      }
      boolean covered = false;
      for (Rows.TokenState t : candidates(h, pool, tag, now)) {
        LoadedToken token;
        try {
          token = library.load(tenantId, t);
        } catch (VesperException e) {
          if (e.code() == ErrorCode.REQUEST_NOT_FOUND) {
            continue; // deleted meanwhile
          }
          throw e;
        }
        if (number != null && !token.covers(number)) {
          continue;
        }
        covered = true;
        if (claim(h, token, pool.rotation(), tag)) {
          afterClaim(h, pool, now);
          return token;
        }
      }
      if (covered || pool.numbers() != null) {
        exhausted.add(pool.id());
      }
    }
    if (exhausted.isEmpty()) {
      return null;
    }
    for (String p : exhausted) {
      if (h.pool(p).row().refillSealed() != null) {
        lowStock.accept(tenantId, p);
      }
    }
    throw new VesperException(ErrorCode.HOLDER_POOL_EXHAUSTED, "no token of the pool" + (exhausted.size() > 1 ? "s" : "") + " " + exhausted
        + " may go to this audience: each was shown to another one (rotation " + h.pool(exhausted.get(0)).rotation().id()
        + "); a refill is asked of the issuer when the pool has a refill grant, else import more tokens");
  }

  /**
   * Claims {@code token} (which the caller named) for {@code audience} under its pool's rotation.
   *
   * @throws VesperException {@link ErrorCode#HOLDER_TOKEN_SHOWN} when the rotation forbids showing it there
   */
  void claimNamed(LoadedToken token, String audience) throws VesperException {
    Holdings h = library.holdings(token.tenantId());
    Pools.View pool = h.pool(token.poolId());
    Rotation rotation = pool == null ? Rotation.FIXED : pool.rotation();
    if (!claim(h, token, rotation, tag(token.tenantId(), audience))) {
      throw new VesperException(ErrorCode.HOLDER_TOKEN_SHOWN, "this token was shown to another audience and its pool's rotation ("
          + rotation.id() + ") shows a token to one audience only");
    }
    if (pool != null) {
      afterClaim(h, pool, clock.instant().getEpochSecond());
    }
  }

  /** True when one of the tenant's pools has a live token covering {@code number}, whatever its rotation and policy. */
  boolean anyPoolCovers(String tenantId, TelephoneNumber number) throws VesperException {
    Holdings h = library.holdings(tenantId);
    long now = clock.instant().getEpochSecond();
    for (Pools.View pool : h.pools()) {
      if (!pool.mayCover(number)) {
        continue;
      }
      for (Rows.TokenState t : h.liveTokens(pool.id(), now)) {
        try {
          if (library.load(tenantId, t).covers(number)) {
            return true;
          }
        } catch (VesperException e) {
          if (e.code() != ErrorCode.REQUEST_NOT_FOUND) {
            throw e;
          }
        }
      }
    }
    return false;
  }

  /** True when {@code token} may go to {@code audience} under its pool's rotation (nothing recorded). */
  boolean mayShow(LoadedToken token, String audience) throws VesperException {
    Holdings h = library.holdings(token.tenantId());
    Pools.View pool = h.pool(token.poolId());
    String state = h.shownTo(token.id());
    return switch (pool == null ? Rotation.FIXED : pool.rotation()) {
      case FIXED -> true;
      case PER_AUDIENCE -> Holdings.FRESH.equals(state) || state.equals(tag(token.tenantId(), audience));
      case PER_CALL -> Holdings.FRESH.equals(state);
    };
  }

  private String tag(String tenantId, String audience) throws VesperException {
    return tenants.box(tenantId).tag(AUDIENCE, audience);
  }

  /** Newer pools first: after a renewal the tokens of the current identity serve. */
  private static List<Pools.View> ordered(List<Pools.View> pools) {
    List<Pools.View> out = new ArrayList<>(pools);
    out.sort(Comparator.comparingLong((Pools.View p) -> p.row().createdAt()).reversed());
    return out;
  }

  /** The pool's live tokens that may go to the audience tagged {@code tag}, best first. */
  private static List<Rows.TokenState> candidates(Holdings h, Pools.View pool, String tag, long now) {
    List<Rows.TokenState> bound = new ArrayList<>();
    List<Rows.TokenState> fresh = new ArrayList<>();
    List<Rows.TokenState> any = new ArrayList<>();
    for (Rows.TokenState t : h.liveTokens(pool.id(), now)) {
      String state = h.shownTo(t.id());
      if (state.equals(tag)) {
        bound.add(t);
      } else if (Holdings.FRESH.equals(state)) {
        fresh.add(t);
      }
      any.add(t);
    }
    Comparator<Rows.TokenState> soonestFirst = Comparator.comparingLong(Rows.TokenState::expiresAt); // use tokens before they lapse
    fresh.sort(soonestFirst);
    bound.sort(soonestFirst.reversed());
    return switch (pool.rotation()) {
      case PER_CALL -> fresh;
      case PER_AUDIENCE -> {
        bound.addAll(fresh);
        yield bound;
      }
      case FIXED -> {
        any.sort(soonestFirst.reversed());
        yield any;
      }
    };
  }

  /** Records the showing in the store (conditionally) and here; false when the rotation or another instance forbids it. */
  private boolean claim(Holdings h, LoadedToken token, Rotation rotation, String tag) throws VesperException {
    String state = h.shownTo(token.id());
    long at = clock.millis();
    switch (rotation) {
      case FIXED -> {
        if (!Holdings.SEVERAL.equals(state)) {
          store.markShownToSeveral(token.tenantId(), token.id(), at);
          h.shown(token.id(), Holdings.SEVERAL);
        }
        return true;
      }
      case PER_AUDIENCE -> {
        if (state.equals(tag)) {
          return true;
        }
        if (!Holdings.FRESH.equals(state)) {
          return false;
        }
      }
      case PER_CALL -> {
        if (!Holdings.FRESH.equals(state)) {
          return false;
        }
      }
    }
    boolean claimed = store.claim(token.tenantId(), token.id(), tag, rotation == Rotation.PER_CALL, at);
    h.shown(token.id(), claimed ? tag : Holdings.TAKEN);
    return claimed;
  }

  private void afterClaim(Holdings h, Pools.View pool, long now) {
    if (pool.row().refillSealed() != null && h.available(pool, now + PoolRefiller.MIN_REMAINING_SECONDS) < pool.row().lowWater()) {
      lowStock.accept(pool.row().tenantId(), pool.id());
    }
  }
}
