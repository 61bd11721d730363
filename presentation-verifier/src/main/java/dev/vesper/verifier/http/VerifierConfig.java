package dev.vesper.verifier.http;

import dev.vesper.core.crypto.TrustedKeys;
import dev.vesper.core.log.entry.IssuanceReceipts;
import dev.vesper.verifier.StatusLists;
import dev.vesper.verifier.stir.StirVerifier;
import java.time.Clock;
import java.util.Objects;

/**
 * The verifier service: where to listen, the issuers it trusts, optionally the log whose issuance
 * receipts every presentation must carry ({@code requireReceiptsFrom}, null for none), and optionally
 * where token status is looked up ({@code statusLists}, null to skip the status check), and optionally
 * the STI-VS ({@code stir}, null when the service does not verify calls).
 */
public record VerifierConfig(
    String host, int port, TrustedKeys trustedIssuers, IssuanceReceipts requireReceiptsFrom, Clock clock, StatusLists statusLists,
    StirVerifier stir) {
  /** A service that does not check token status. */
  public VerifierConfig(String host, int port, TrustedKeys trustedIssuers, IssuanceReceipts requireReceiptsFrom, Clock clock) {
    this(host, port, trustedIssuers, requireReceiptsFrom, clock, null, null);
  }

  /** A service without the STI-VS. */
  public VerifierConfig(String host, int port, TrustedKeys trustedIssuers, IssuanceReceipts requireReceiptsFrom, Clock clock,
      StatusLists statusLists) {
    this(host, port, trustedIssuers, requireReceiptsFrom, clock, statusLists, null);
  }

  public VerifierConfig {
    Objects.requireNonNull(host, "host == null");
    Objects.requireNonNull(trustedIssuers, "trustedIssuers == null");
    if (trustedIssuers.keys().isEmpty()) {
      throw new IllegalArgumentException("trust at least one issuer key");
    }
    Objects.requireNonNull(clock, "clock == null");
  }
}
