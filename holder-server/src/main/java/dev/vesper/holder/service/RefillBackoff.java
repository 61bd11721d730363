package dev.vesper.holder.service;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How often a pool whose refill failed may try again: not before {@link #FIRST_MS} after the first failure,
 * the wait doubling with each further failure up to {@link #MAX_MS}, and forgotten at the first success.
 * So an issuer that is down or refusing is asked about once an hour per pool at worst, never on every
 * presentation. In memory: each instance paces its own attempts (a restart starts afresh). Thread-safe.
 */
final class RefillBackoff {
  static final long FIRST_MS = 60_000;
  static final long MAX_MS = 3_600_000;

  /** A pool's pacing after a failure: when it may try again, and the wait that led there. */
  private record Wait(long notBeforeMs, long waitedMs) {}

  private final Clock clock;
  private final ConcurrentHashMap<String, Wait> waits = new ConcurrentHashMap<>();

  RefillBackoff(Clock clock) {
    this.clock = clock;
  }

  /** Whether {@code poolId} may try a refill now. */
  boolean mayTry(String poolId) {
    Wait w = waits.get(poolId);
    return w == null || clock.millis() >= w.notBeforeMs();
  }

  /** Records a failed refill; returns how long the pool now waits. */
  long failed(String poolId) {
    Wait next = waits.compute(poolId, (id, last) -> {
      long wait = last == null ? FIRST_MS : Math.min(MAX_MS, last.waitedMs() * 2);
      return new Wait(clock.millis() + wait, wait);
    });
    return next.waitedMs();
  }

  /** Records a successful refill: the next failure waits {@link #FIRST_MS} again. */
  void succeeded(String poolId) {
    waits.remove(poolId);
  }
}
