package dev.vesper.holder.service;

import dev.vesper.core.crypto.Signer;
import dev.vesper.core.phone.NumberEntry;
import dev.vesper.core.phone.TelephoneNumber;
import dev.vesper.core.sdjwt.HolderToken;
import java.util.List;

/**
 * A stored token, unsealed and ready to present: the holder's view of it, its signing key, its pool and
 * that pool's policy, its numbers. Lives only in memory; {@code version} says whether it is still what
 * the store holds (a change of the pool's policy moves it too).
 */
record LoadedToken(
    String id, String tenantId, long version, HolderToken holder, Signer key, String poolId, DisclosurePolicy policy,
    List<NumberEntry> numbers, long issuedAt, long expiresAt, String issuanceReceipt) {

  boolean covers(TelephoneNumber number) {
    for (NumberEntry e : numbers) {
      if (e.covers(number)) {
        return true;
      }
    }
    return false;
  }

  boolean liveAt(long nowSeconds) {
    return nowSeconds < expiresAt;
  }
}
