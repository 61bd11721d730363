package dev.vesper.server.http;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per key (tenant): {@code ratePerSecond} sustained, {@code burst} at once. Thread-safe;
 * the clock is injected (nanoseconds) so tests do not sleep.
 */
public final class RateLimiter {
  private final double ratePerNano;
  private final double burst;
  private final LongSupplier nanoClock;
  private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

  public RateLimiter(double ratePerSecond, int burst, LongSupplier nanoClock) {
    if (ratePerSecond <= 0 || burst < 1) {
      throw new IllegalArgumentException("rate and burst must be positive");
    }
    this.ratePerNano = ratePerSecond / 1e9;
    this.burst = burst;
    this.nanoClock = nanoClock;
  }

  /** Takes one token for {@code key}; returns 0 when allowed, else the seconds to wait (at least 1). */
  /** Takes a token for {@code key}, or throws {@link RateLimitExceeded} carrying how long to wait. */
  public void enforce(String key) throws RateLimitExceeded {
    long wait = acquire(key);
    if (wait > 0) {
      throw new RateLimitExceeded(wait);
    }
  }

  public long acquire(String key) {
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

  private static final class Bucket {
    double tokens;
    long updated;

    Bucket(double tokens, long updated) {
      this.tokens = tokens;
      this.updated = updated;
    }
  }
}
