package dev.vesper.core.dcql;

import dev.vesper.core.sdjwt.ClaimPath;

/**
 * Decides whether a claim's value satisfies one of a DCQL claim's {@code values} (OpenID4VP §6.4.1:
 * same type, same value). A profile may widen it for its own claims (a telephone number asked for and
 * a number range that covers it). Must be side-effect free.
 */
@FunctionalInterface
public interface ValueMatcher {
  /** The spec's rule: the same JSON type and value (integers compare as integers). */
  ValueMatcher EXACT = (at, value, wanted) -> value != null && value.equals(wanted);

  boolean matches(ClaimPath at, Object value, Object wanted);
}
