package dev.vesper.cps;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Published PASSporTs by called and calling number, each kept until its expiry and then gone (no
 * at-rest copy: the draft's short retention). Bounded: at most {@link #MAX_SETS} sets, the oldest dropped
 * first. Also remembers access-token {@code jti}s until their tokens expire, so a token serves one
 * transaction only. Thread-safe.
 */
final class PassportStore {
  static final int MAX_SETS = 200_000;
  static final int MAX_JTIS = 400_000;

  private record Set(List<String> passports, Instant expires) {}

  private final Map<String, List<Set>> sets = new LinkedHashMap<>();
  private final Map<String, Instant> jtis = new LinkedHashMap<>();
  private int count;

  /** Spends {@code jti} (until {@code expires}); false when it was spent before. */
  synchronized boolean spend(String jti, Instant expires, Instant now) {
    sweepJtis(now);
    if (jtis.containsKey(jti)) {
      return false;
    }
    if (jtis.size() >= MAX_JTIS) {
      Iterator<String> oldest = jtis.keySet().iterator();
      oldest.next();
      oldest.remove();
    }
    jtis.put(jti, expires);
    return true;
  }

  /** Keeps a set of PASSporTs for the call from {@code orig} to {@code dest}; a set already held is not kept twice. */
  synchronized void put(String dest, String orig, List<String> passports, Instant expires, Instant now) {
    List<Set> held = live(key(dest, orig), now);
    for (Set s : held) {
      if (s.passports().equals(passports)) {
        return;
      }
    }
    if (count >= MAX_SETS) {
      Iterator<Map.Entry<String, List<Set>>> oldest = sets.entrySet().iterator();
      count -= oldest.next().getValue().size();
      oldest.remove();
    }
    held.add(new Set(List.copyOf(passports), expires));
    sets.remove(key(dest, orig));
    sets.put(key(dest, orig), held);
    count++;
  }

  /** Every PASSporT held for the call, oldest set first; empty when none. */
  synchronized List<String> get(String dest, String orig, Instant now) {
    List<String> out = new ArrayList<>();
    for (Set s : live(key(dest, orig), now)) {
      out.addAll(s.passports());
    }
    return out;
  }

  private List<Set> live(String key, Instant now) {
    List<Set> held = sets.getOrDefault(key, new ArrayList<>());
    int before = held.size();
    held.removeIf(s -> !now.isBefore(s.expires()));
    count -= before - held.size();
    if (held.isEmpty()) {
      sets.remove(key);
    }
    return held;
  }

  private void sweepJtis(Instant now) {
    Iterator<Map.Entry<String, Instant>> it = jtis.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<String, Instant> e = it.next();
      if (now.isBefore(e.getValue())) {
        break; // inserted in time order with lifetimes of at most 5 minutes: roughly ordered by expiry
      }
      it.remove();
    }
  }

  private static String key(String dest, String orig) {
    return dest + "/" + orig;
  }
}
