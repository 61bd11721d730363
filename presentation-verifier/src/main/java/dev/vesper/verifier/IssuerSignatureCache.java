package dev.vesper.verifier;

import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers issuer JWTs whose signature verified: SHA-256 of the exact JWT text mapped to the RFC 7638
 * thumbprint of the key that verified it. A hit counts only when that key is still trusted by the
 * policy at hand. Bounded: past the limit an arbitrary entry is dropped (entries cost a re-verify,
 * never correctness). Thread-safe.
 */
final class IssuerSignatureCache {
  private final int maxEntries;
  private final ConcurrentHashMap<String, String> verifiedBy = new ConcurrentHashMap<>();

  IssuerSignatureCache(int maxEntries) {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be positive");
    }
    this.maxEntries = maxEntries;
  }

  /** True when {@code jwtHash} was verified by the key with {@code thumbprint}. */
  boolean verified(String jwtHash, String thumbprint) {
    return thumbprint.equals(verifiedBy.get(jwtHash));
  }

  void remember(String jwtHash, String thumbprint) {
    if (verifiedBy.size() >= maxEntries) {
      Iterator<String> it = verifiedBy.keySet().iterator();
      if (it.hasNext()) {
        it.next();
        it.remove();
      }
    }
    verifiedBy.put(jwtHash, thumbprint);
  }

  int size() {
    return verifiedBy.size();
  }
}
