package dev.vesper.holder.service;

import dev.vesper.holder.store.Rows;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A tenant's tokens and pools as last read from the store, without unsealing any token: what choosing a
 * token for a presentation needs. Read again after {@link TokenLibrary#LISTING_TTL_MS}; meanwhile this
 * instance records here each token it shows ({@link #shown}), so it does not offer a spent token twice.
 * The store stays the judge (claims are conditional updates): another instance's claim shows here at the
 * next read. Thread-safe.
 */
final class Holdings {
  /** The shown-to state of a token never shown. */
  static final String FRESH = "";
  /** A token some instance claimed for an audience this one does not know. */
  static final String TAKEN = "?";
  /** A token of a fixed pool, shown to several audiences. */
  static final String SEVERAL = "*";

  private final List<Rows.TokenState> tokens;
  private final Map<String, Pools.View> pools;
  private final ConcurrentHashMap<String, String> shownTo = new ConcurrentHashMap<>();
  private final long readAtMs;

  Holdings(List<Rows.TokenState> tokens, Map<String, Pools.View> pools, long readAtMs) {
    this.tokens = List.copyOf(tokens);
    this.pools = Map.copyOf(pools);
    this.readAtMs = readAtMs;
    for (Rows.TokenState t : tokens) {
      shownTo.put(t.id(), t.shownTo() == null ? FRESH : t.shownTo());
    }
  }

  long readAtMs() {
    return readAtMs;
  }

  List<Pools.View> pools() {
    return new ArrayList<>(pools.values());
  }

  Pools.View pool(String id) {
    return pools.get(id);
  }

  /** The pool's tokens live at {@code nowSeconds}. */
  List<Rows.TokenState> liveTokens(String poolId, long nowSeconds) {
    List<Rows.TokenState> out = new ArrayList<>();
    for (Rows.TokenState t : tokens) {
      if (poolId.equals(t.poolId()) && t.expiresAt() > nowSeconds) {
        out.add(t);
      }
    }
    return out;
  }

  /** {@link #FRESH}, {@link #TAKEN}, {@link #SEVERAL} or the tag of the one audience the token went to. */
  String shownTo(String tokenId) {
    return shownTo.getOrDefault(tokenId, TAKEN);
  }

  void shown(String tokenId, String state) {
    shownTo.put(tokenId, state);
  }

  /** How many of the pool's tokens live beyond {@code liveUntil} could still go to a new audience. */
  int available(Pools.View pool, long liveUntil) {
    int n = 0;
    for (Rows.TokenState t : tokens) {
      if (pool.id().equals(t.poolId()) && t.expiresAt() > liveUntil
          && (pool.rotation() == Rotation.FIXED || FRESH.equals(shownTo(t.id())))) {
        n++;
      }
    }
    return n;
  }
}
