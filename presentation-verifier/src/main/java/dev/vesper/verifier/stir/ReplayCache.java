package dev.vesper.verifier.stir;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PASSporTs seen within the freshness window, keyed by the SHA-256 of the signing input (the same
 * PASSporT in two INVITEs is a replay; a retransmission carries the same Call-ID, which the SIP layer
 * absorbs before this). Bounded, and closed when full: an entry leaves only once its window has passed,
 * and when {@code maxEntries} PASSporTs are all still inside theirs, new calls are refused (answered as
 * replays) rather than forgetting one that could then be replayed (issue 11). In memory, per instance.
 * Thread-safe.
 */
final class ReplayCache implements ReplayStore {
  private static final Logger LOG = LoggerFactory.getLogger(ReplayCache.class);

  private final int maxEntries;
  /** In insertion order, which is nearly expiry order (iat varies within the window). */
  private final Map<String, Long> seenUntil;
  private long lastFullSweepSeconds = Long.MIN_VALUE;
  private long lastWarningSeconds = Long.MIN_VALUE;

  public ReplayCache(int maxEntries) {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be positive");
    }
    this.maxEntries = maxEntries;
    this.seenUntil = new LinkedHashMap<>(1024, 0.75f, false);
  }

  @Override
  public synchronized boolean firstSighting(String key, long expiresAtSeconds, long nowSeconds) {
    Long until = seenUntil.get(key);
    if (until != null && until >= nowSeconds) {
      return false;
    }
    if (until == null && seenUntil.size() >= maxEntries && !makeRoom(nowSeconds)) {
      if (nowSeconds != lastWarningSeconds) {
        lastWarningSeconds = nowSeconds;
        LOG.warn("replay cache full ({} PASSporTs inside their freshness window): refusing calls until some expire", maxEntries);
      }
      return false;
    }
    seenUntil.put(key, expiresAtSeconds);
    return true;
  }

  /**
   * Drops expired entries: from the oldest while they are expired, and, at most once a second, all of
   * them (so a full cache under a flood costs a scan a second, not a scan a call). True when there is room.
   */
  private boolean makeRoom(long nowSeconds) {
    Iterator<Map.Entry<String, Long>> it = seenUntil.entrySet().iterator();
    while (it.hasNext() && it.next().getValue() < nowSeconds) {
      it.remove();
    }
    if (seenUntil.size() >= maxEntries && nowSeconds != lastFullSweepSeconds) {
      lastFullSweepSeconds = nowSeconds;
      seenUntil.values().removeIf(until -> until < nowSeconds);
    }
    return seenUntil.size() < maxEntries;
  }
}
