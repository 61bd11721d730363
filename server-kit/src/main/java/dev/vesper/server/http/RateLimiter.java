package dev.vesper.server.http;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A token bucket per key (tenant, client address): {@code ratePerSecond} sustained, {@code burst} at once.
 * Buckets that have refilled completely are forgotten once there are many of them, so keys an attacker
 * invents (addresses) cost no lasting memory. Thread-safe; the clock is injected (nanoseconds) so tests
 * do not sleep.
 */
public final class RateLimiter {
  /** Above this many buckets, full ones are pruned (a full bucket is the same as none). */
  private static final int PRUNE_ABOVE = 10_000;

  private final double ratePerNano;
  private final double burst;
  private final LongSupplier nanoClock;
  private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
  private final AtomicLong acquisitions = new AtomicLong();

  public RateLimiter(double ratePerSecond, int burst, LongSupplier nanoClock) {
    if (ratePerSecond <= 0 || burst < 1) {
      throw new IllegalArgumentException("rate and burst must be positive");
    }
    this.ratePerNano = ratePerSecond / 1e9;
    this.burst = burst;
    this.nanoClock = nanoClock;
  }

  /** Takes a token for {@code key}, or throws {@link RateLimitExceeded} carrying how long to wait. */
  public void enforce(String key) throws RateLimitExceeded {
    long wait = acquire(key);
    if (wait > 0) {
      throw new RateLimitExceeded(wait);
    }
  }

  /** Takes one token for {@code key}; returns 0 when allowed, else the seconds to wait (at least 1). */
  public long acquire(String key) {
    if ((acquisitions.incrementAndGet() & 1023) == 0 && buckets.size() > PRUNE_ABOVE) {
      prune();
    }
    Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(burst, nanoClock.getAsLong()));
    synchronized (bucket) {
      long now = nanoClock.getAsLong();
      bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.updated) * ratePerNano);
      bucket.updated = now;
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return 0;
      }
      return Math.max(1, (long) Math.ceil((1 - bucket.tokens) / ratePerNano / 1e9));
    }
  }

  /** How many keys have a bucket (tests). */
  int keys() {
    return buckets.size();
  }

  private void prune() {
    long now = nanoClock.getAsLong();
    buckets.entrySet().removeIf(e -> {
      synchronized (e.getValue()) {
        return e.getValue().tokens + (now - e.getValue().updated) * ratePerNano >= burst;
      }
    });
  }

  private static final class Bucket {
    double tokens;
    long updated;

    Bucket(double tokens, long updated) {
      this.tokens = tokens;
      this.updated = updated;
    }
  }
}
