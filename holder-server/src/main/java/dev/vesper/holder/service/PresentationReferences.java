package dev.vesper.holder.service;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Call-bound presentations delivered by reference (docs/stir-profile.md §1.2): each is kept under an
 * unguessable id (128 random bits) until the end of its call's freshness window and served at
 * {@code GET /stir/v1/presentations/{id}}; afterwards it is gone. In memory, bounded (oldest dropped
 * first): one holder instance serves the references it signed, so a load balancer in front of several
 * instances must route {@code /stir/v1/presentations/*} by the instance that answered the signing
 * request, or share nothing but sticky routing. Thread-safe.
 */
public final class PresentationReferences {
  /** About 200 MB at most (presentations of ~4 KB): a minute of calls at over 800 calls/s. */
  static final int MAX_ENTRIES = 50_000;

  private final SecureRandom random;
  private final Map<String, Entry> entries = new LinkedHashMap<>(1024, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
      return size() > MAX_ENTRIES;
    }
  };

  private record Entry(String presentation, long notAfter) {}

  public PresentationReferences(SecureRandom random) {
    this.random = random;
  }

  /** Keeps {@code presentation} until {@code notAfter} (epoch seconds) and returns its id. */
  public String put(String presentation, long notAfter) {
    byte[] id = new byte[16];
    random.nextBytes(id);
    String key = Base64.getUrlEncoder().withoutPadding().encodeToString(id);
    synchronized (entries) {
      entries.put(key, new Entry(presentation, notAfter));
    }
    return key;
  }

  /** The presentation under {@code id}, while its window lasts at {@code now} (epoch seconds). */
  public Optional<String> get(String id, long now) {
    synchronized (entries) {
      Entry e = entries.get(id);
      if (e == null) {
        return Optional.empty();
      }
      if (now > e.notAfter()) {
        entries.remove(id);
        return Optional.empty();
      }
      return Optional.of(e.presentation());
    }
  }
}
