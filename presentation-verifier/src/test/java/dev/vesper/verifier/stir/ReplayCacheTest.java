package dev.vesper.verifier.stir;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** "Also" of issue 11: a full replay cache refuses new calls; it never forgets a PASSporT inside its window. */
class ReplayCacheTest {
  @Test
  void whenFullItRefusesNewCallsAndStillKnowsEveryLiveOne() {
    ReplayCache cache = new ReplayCache(3);
    long now = 1_000;
    for (String k : new String[] {"a", "b", "c"}) {
      assertThat(cache.firstSighting(k, now + 60, now)).isTrue();
    }
    assertThat(cache.firstSighting("d", now + 60, now)).as("full of live entries: fail closed").isFalse();
    for (String k : new String[] {"a", "b", "c"}) {
      assertThat(cache.firstSighting(k, now + 60, now + 1)).as(k + " is still a replay").isFalse();
    }
    assertThat(cache.firstSighting("d", now + 200, now + 61)).as("once the window has passed there is room").isTrue();
    assertThat(cache.firstSighting("d", now + 200, now + 62)).isFalse();
  }

  @Test
  void anExpiredEntryBehindALiveOneIsFoundBySweeping() {
    ReplayCache cache = new ReplayCache(2);
    assertThat(cache.firstSighting("late", 1_100, 1_000)).isTrue();
    assertThat(cache.firstSighting("early", 1_010, 1_000)).isTrue();
    assertThat(cache.firstSighting("new", 1_200, 1_050)).as("'early' expired though 'late' came first").isTrue();
    assertThat(cache.firstSighting("late", 1_100, 1_051)).isFalse();
  }
}
