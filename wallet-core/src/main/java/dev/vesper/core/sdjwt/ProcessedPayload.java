package dev.vesper.core.sdjwt;

import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The result of RFC 9901 §7.1 steps 3–5: the payload with every presented disclosure put in place,
 * undisclosed digests and decoys removed, {@code _sd} and {@code _sd_alg} gone; plus where each
 * disclosure went. Signature and validity are <em>not</em> implied: this is a processing result, not a
 * verification result, and it never leaves this package. Immutable.
 */
record ProcessedPayload(Map<String, Object> claims, List<DisclosedClaim> disclosed) {
  ProcessedPayload {
    claims = Collections.unmodifiableMap(claims);
    disclosed = List.copyOf(disclosed);
  }
}
