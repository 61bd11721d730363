package dev.vesper.verifier.stir;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * PASSporTs seen within the freshness window, keyed by the SHA-256 of the signing input (the same
 * PASSporT in two INVITEs is a replay; a retransmission carries the same Call-ID, which the SIP layer
 * absorbs before this). Bounded: the oldest entries go first; an entry outlives its window by nothing.
 * In memory, per instance. Thread-safe.
 */
public final class ReplayCache implements ReplayStore {
  private final int maxEntries;
  private final Map<String, Long> seenUntil;

  public ReplayCache(int maxEntries) {
    this.maxEntries = maxEntries;
    this.seenUntil = new LinkedHashMap<>(1024, 0.75f, false);
  }

  @Override
  public synchronized boolean firstSighting(String key, long expiresAtSeconds, long nowSeconds) {
    Long until = seenUntil.get(key);
    if (until != null && until >= nowSeconds) {
      return false;
    }
    seenUntil.put(key, expiresAtSeconds);
    if (seenUntil.size() > maxEntries) {
      var it = seenUntil.entrySet().iterator();
      while (it.hasNext() && seenUntil.size() > maxEntries) {
        var e = it.next();
        if (e.getValue() < nowSeconds || seenUntil.size() > maxEntries) {
          it.remove();
        }
      }
    }
    return true;
  }
}
