package dev.vesper.verifier.oid4vp;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The verifier's presentation requests, in memory: at most {@link #MAX} at a time, each kept until
 * {@link #KEEP_SECONDS} after it expired so that a page can still read its outcome. A transaction
 * leaves {@code pending} once, by {@link #finish} (compare-and-set), so one response settles it. A
 * single instance holds them: run one verifier per request flow, or route by id.
 */
final class Transactions {
  static final int MAX = 10_000;
  static final long KEEP_SECONDS = 600;

  private final ConcurrentHashMap<String, Transaction> byId = new ConcurrentHashMap<>();

  /** Adds {@code t}; false when the store is full of live transactions. */
  boolean add(Transaction t, long nowSeconds) {
    if (byId.size() >= MAX) {
      byId.values().removeIf(old -> old.expiresAt() + KEEP_SECONDS <= nowSeconds);
      if (byId.size() >= MAX) {
        return false;
      }
    }
    byId.put(t.id(), t);
    return true;
  }

  Optional<Transaction> get(String id, long nowSeconds) {
    Transaction t = byId.get(id);
    if (t == null || t.expiresAt() + KEEP_SECONDS <= nowSeconds) {
      return Optional.empty();
    }
    return Optional.of(t);
  }

  /** Moves {@code pending} to {@code finished}; false when another response settled it first. */
  boolean finish(Transaction pending, Transaction finished) {
    return byId.replace(pending.id(), pending, finished);
  }
}
