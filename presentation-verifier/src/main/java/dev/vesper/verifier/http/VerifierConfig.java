package dev.vesper.verifier.http;

import dev.vesper.core.crypto.TrustedKeys;
import dev.vesper.core.log.entry.IssuanceReceipts;
import java.time.Clock;
import java.util.Objects;

/**
 * The verifier service: where to listen, the issuers it trusts, and optionally the log whose issuance
 * receipts every presentation must carry ({@code requireReceiptsFrom}, null for none).
 */
public record VerifierConfig(String host, int port, TrustedKeys trustedIssuers, IssuanceReceipts requireReceiptsFrom, Clock clock) {
  public VerifierConfig {
    Objects.requireNonNull(host, "host == null");
    Objects.requireNonNull(trustedIssuers, "trustedIssuers == null");
    if (trustedIssuers.keys().isEmpty()) {
      throw new IllegalArgumentException("trust at least one issuer key");
    }
    Objects.requireNonNull(clock, "clock == null");
  }
}
