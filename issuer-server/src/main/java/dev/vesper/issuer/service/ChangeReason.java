package dev.vesper.issuer.service;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.log.entry.Reason;
import java.util.ArrayList;
import java.util.List;

/**
 * Why a token's status changes or a number is released: the one vocabulary of the issuer's API (revoke,
 * suspend, reinstate, release), its stored events, and the transparency log's reason codes
 * ({@link Reason}), so no free text reaches the store or the log (issue 11 §10).
 */
public enum ChangeReason {
  NUMBER_REASSIGNED("number_reassigned", Reason.NUMBER_RELEASED, true),
  KYC_INVALIDATED("kyc_invalidated", Reason.KYC_INVALIDATED, true),
  HOLDER_REQUEST("holder_request", Reason.HOLDER_REQUEST, true),
  KEY_COMPROMISE("key_compromise", Reason.KEY_COMPROMISE, true),
  /** The issuer's own, when the KYC expiry sweep lapses an entity's vetting; never a caller's. */
  KYC_EXPIRED("kyc_expired", Reason.EXPIRY, false);

  private final String id;
  private final Reason logReason;
  private final boolean callerMayGive;

  ChangeReason(String id, Reason logReason, boolean callerMayGive) {
    this.id = id;
    this.logReason = logReason;
    this.callerMayGive = callerMayGive;
  }

  /** The API and storage name, e.g. {@code number_reassigned}. */
  public String id() {
    return id;
  }

  /** The transparency log's code for this reason. */
  public Reason logReason() {
    return logReason;
  }

  /** The reason a caller named; 400 {@code request.bad_body} for anything else (the issuer's own included). */
  public static ChangeReason fromCaller(String name) throws VesperException {
    for (ChangeReason r : values()) {
      if (r.callerMayGive && r.id.equals(name)) {
        return r;
      }
    }
    List<String> allowed = new ArrayList<>();
    for (ChangeReason r : values()) {
      if (r.callerMayGive) {
        allowed.add(r.id);
      }
    }
    throw new VesperException(ErrorCode.REQUEST_BAD_BODY, "reason must be one of " + allowed);
  }

  /** The log code of a stored reason; rows written before reasons were checked map to {@link Reason#UNSPECIFIED}. */
  static Reason logReasonOf(String stored) {
    for (ChangeReason r : values()) {
      if (r.id.equals(stored)) {
        return r.logReason;
      }
    }
    return Reason.UNSPECIFIED;
  }
}
