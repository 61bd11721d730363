package dev.vesper.holder.service;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import java.util.Locale;

/**
 * Which token of a pool a presentation uses (docs/holder.md, "Token pools"). Under {@link #PER_CALL} and
 * {@link #PER_AUDIENCE} a token is never shown to two audiences, so two verifiers — or a verifier and the
 * log — cannot link presentations by the issuer-signed JWT, the {@code cnf} key, the salts or the status
 * index.
 */
enum Rotation {
  /** A fresh token for every presentation: calls cannot be linked even by the same callee. Default for individuals. */
  PER_CALL,
  /** One token per audience, reused for it: a callee sees one identity, two callees cannot link. Default for organisations. */
  PER_AUDIENCE,
  /** One token for everyone (what a pool of a single long-lived token does): linkable across audiences. */
  FIXED;

  /** {@code per_call}, {@code per_audience} or {@code fixed}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Rotation parse(String id) throws VesperException {
    for (Rotation r : values()) {
      if (r.id().equals(id)) {
        return r;
      }
    }
    throw new VesperException(ErrorCode.REQUEST_BAD_BODY, "rotation must be per_call, per_audience or fixed");
  }

  /** The default for tokens whose {@code entity_type} is {@code entityType}: per call for individuals, per audience otherwise. */
  static Rotation defaultFor(Object entityType) {
    return "individual".equals(entityType) ? PER_CALL : PER_AUDIENCE;
  }
}
