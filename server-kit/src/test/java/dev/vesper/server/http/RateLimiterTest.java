package dev.vesper.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The token buckets: limits per key, and keys an attacker invents (client addresses) cost no lasting memory. */
class RateLimiterTest {
  @Test
  void limitsEachKeyAndForgetsRefilledBucketsWhenThereAreMany() {
    AtomicLong now = new AtomicLong();
    RateLimiter limiter = new RateLimiter(1, 2, now::get);
    assertThat(limiter.acquire("a")).isZero();
    assertThat(limiter.acquire("a")).isZero();
    assertThat(limiter.acquire("a")).isEqualTo(1);
    assertThat(limiter.acquire("b")).as("another key has its own bucket").isZero();
    for (int i = 0; i < 30_000; i++) {
      limiter.acquire("10.0." + (i >> 8) + "." + (i & 255));
    }
    assertThat(limiter.keys()).isGreaterThan(10_000);
    now.addAndGet(5_000_000_000L); // every bucket has refilled
    for (int i = 0; i < 2048; i++) {
      limiter.acquire("fresh");
    }
    assertThat(limiter.keys()).isLessThan(100);
  }
}
