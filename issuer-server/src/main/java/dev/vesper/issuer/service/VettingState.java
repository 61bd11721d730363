package dev.vesper.issuer.service;

import dev.vesper.issuer.store.Rows;
import dev.vesper.core.token.IdentityAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * An entity's KYC state, derived from its claims and vetting decisions at a moment: {@code rejected}
 * when the operator's latest review rejected it; {@code verified} when every claimed attribute is
 * covered by decisions younger than the KYC validity; {@code expired} when it was verified once and no
 * longer is; {@code pending} otherwise. Pure, so the state shown, the state issued on and the expiry
 * sweep always agree.
 */
record VettingState(KycState state, Set<String> needed, Set<String> covered, List<Rows.Decision> used, String rejectReason) {
  /** Attributes that are the issuer's to set or are vetted elsewhere (numbers, by authority tokens). */
  private static final Set<String> NOT_VETTED_BY_KYC = Set.of("tn", "kyc");

  /** Decision times are in milliseconds, so that decisions within one second keep their order. */
  static VettingState derive(Map<String, Object> claims, List<Rows.Decision> decisions, Long verifiedAt, long nowMs,
      Duration validity) {
    Set<String> needed = new TreeSet<>(claims.keySet());
    needed.removeAll(NOT_VETTED_BY_KYC);
    Rows.Decision lastReview = null;
    for (Rows.Decision d : decisions) {
      if (d.source().equals("review")) {
        lastReview = d;
      }
    }
    if (lastReview != null && lastReview.decision().equals("rejected")) {
      return new VettingState(KycState.REJECTED, needed, Set.of(), List.of(), lastReview.reason());
    }
    long oldest = nowMs - validity.toMillis();
    Set<String> covered = new TreeSet<>();
    List<Rows.Decision> used = new ArrayList<>();
    for (Rows.Decision d : decisions) {
      if (!d.decision().equals("rejected") && d.decidedAt() > oldest) {
        covered.addAll(d.attributes());
        used.add(d);
      }
    }
    covered.retainAll(needed);
    KycState state = covered.containsAll(needed) ? KycState.VERIFIED : verifiedAt != null ? KycState.EXPIRED : KycState.PENDING;
    return new VettingState(state, needed, covered, used, null);
  }

  /** The claimed attributes no valid decision covers. */
  Set<String> uncovered() {
    Set<String> out = new TreeSet<>(needed);
    out.removeAll(covered);
    return out;
  }

  /** The token's {@code kyc} claim: the weakest level relied on, the methods, the latest vetting time. */
  Map<String, Object> kycClaim() {
    List<String> levels = List.copyOf(IdentityAttributes.KYC_LEVELS_IN_ORDER);
    int weakest = levels.size() - 1;
    Set<String> methods = new TreeSet<>();
    long vettedAt = 0;
    for (Rows.Decision d : used) {
      weakest = Math.min(weakest, Math.max(0, levels.indexOf(d.level())));
      methods.add(d.method());
      vettedAt = Math.max(vettedAt, d.decidedAt());
    }
    Map<String, Object> kyc = new LinkedHashMap<>();
    kyc.put("level", levels.get(weakest));
    kyc.put("method", String.join("+", methods));
    kyc.put("vetted_at", vettedAt / 1000);
    return kyc;
  }

  /** When the vetting relied on stops being valid, in seconds: the oldest decision used plus the validity. */
  long validUntil(Duration validity) {
    long oldest = Long.MAX_VALUE;
    for (Rows.Decision d : used) {
      oldest = Math.min(oldest, d.decidedAt());
    }
    return oldest == Long.MAX_VALUE ? 0 : (oldest + validity.toMillis()) / 1000;
  }
}
