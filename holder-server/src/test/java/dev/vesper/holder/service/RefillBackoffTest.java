package dev.vesper.holder.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vesper.core.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** A failing issuer is asked less and less often, per pool, and a success resets the pace. */
class RefillBackoffTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2027-01-15T10:00:00Z"));
  private final RefillBackoff backoff = new RefillBackoff(clock);

  @Test
  void aPoolThatNeverFailedMayAlwaysTry() {
    assertThat(backoff.mayTry("pool_a")).isTrue();
  }

  @Test
  void afterAFailureThePoolWaitsAMinute() {
    assertThat(backoff.failed("pool_a")).isEqualTo(RefillBackoff.FIRST_MS);
    assertThat(backoff.mayTry("pool_a")).isFalse();
    clock.advance(Duration.ofMillis(RefillBackoff.FIRST_MS - 1));
    assertThat(backoff.mayTry("pool_a")).isFalse();
    clock.advance(Duration.ofMillis(1));
    assertThat(backoff.mayTry("pool_a")).isTrue();
  }

  @Test
  void eachFurtherFailureDoublesTheWaitUpToAnHour() {
    long expected = RefillBackoff.FIRST_MS;
    for (int i = 0; i < 10; i++) {
      assertThat(backoff.failed("pool_a")).as("failure %d", i + 1).isEqualTo(expected);
      expected = Math.min(RefillBackoff.MAX_MS, expected * 2);
    }
    assertThat(backoff.failed("pool_a")).isEqualTo(RefillBackoff.MAX_MS);
  }

  @Test
  void aSuccessResetsThePace() {
    backoff.failed("pool_a");
    backoff.failed("pool_a");
    backoff.succeeded("pool_a");
    assertThat(backoff.mayTry("pool_a")).isTrue();
    assertThat(backoff.failed("pool_a")).isEqualTo(RefillBackoff.FIRST_MS);
  }

  @Test
  void oneFailingPoolDoesNotHoldBackAnother() {
    backoff.failed("pool_a");
    assertThat(backoff.mayTry("pool_b")).isTrue();
  }

  /** However often presentations ask, a pool that keeps failing is tried at most once a minute, and ever more rarely. */
  @Property(tries = 50)
  void aFailingPoolIsTriedEverMoreRarely(@ForAll @IntRange(min = 2, max = 12) int failures,
      @ForAll @IntRange(min = 1, max = 600) int askEverySeconds) {
    MutableClock time = new MutableClock(Instant.parse("2027-01-15T10:00:00Z"));
    RefillBackoff pace = new RefillBackoff(time);
    long lastTry = -1;
    long lastGap = 0;
    int tries = 0;
    while (tries < failures) {
      long now = time.millis();
      if (pace.mayTry("pool_a")) {
        if (lastTry >= 0) {
          long gap = now - lastTry;
          assertThat(gap).isGreaterThanOrEqualTo(RefillBackoff.FIRST_MS);
          assertThat(gap).isGreaterThanOrEqualTo(Math.min(lastGap, RefillBackoff.MAX_MS));
          lastGap = gap;
        }
        lastTry = now;
        pace.failed("pool_a");
        tries++;
      }
      time.advance(Duration.ofSeconds(askEverySeconds));
    }
  }
}
