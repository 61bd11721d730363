package dev.vesper.cps;

import dev.vesper.core.stir.StiCredentials;
import dev.vesper.server.ServerChecks;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The Call Placement Service: where to listen, the audience its access tokens must name (its host, as
 * callers reach it), the STI trust that access tokens' certificates must chain to, how long a published
 * PASSporT is kept after its {@code iat} (60 s by default, the RFC 8224 freshness window; at most 5
 * minutes), the per-caller rate, the clock, and the operator key that opens {@code /metrics} (null: it
 * answers 401 to everyone).
 */
public record CpsConfig(String host, int port, String audience, StiCredentials trust, Duration retention, double ratePerSecond,
    int burst, Clock clock, String adminKey) {
  public CpsConfig {
    Objects.requireNonNull(host, "host == null");
    Objects.requireNonNull(audience, "audience == null");
    Objects.requireNonNull(trust, "trust == null");
    Objects.requireNonNull(clock, "clock == null");
    if (retention.isNegative() || retention.isZero() || retention.compareTo(Duration.ofMinutes(5)) > 0) {
      throw new IllegalArgumentException("retention must be between 1 s and 5 minutes");
    }
    if (port < 0 || port > 65535 || ratePerSecond <= 0 || burst < 1) {
      throw new IllegalArgumentException("port, rate and burst must be in range");
    }
    if (adminKey != null) {
      ServerChecks.adminKey(adminKey);
    }
  }

  /** The default retention of a published PASSporT after its {@code iat}: RFC 8224's freshness window. */
  public static final Duration DEFAULT_RETENTION = Duration.ofSeconds(60);

  /** A CPS keeping PASSporTs 60 s after iat, 100 requests/s per caller certificate (burst 200), /metrics closed. */
  public CpsConfig(String host, int port, String audience, StiCredentials trust, Clock clock) {
    this(host, port, audience, trust, DEFAULT_RETENTION, 100, 200, clock, null);
  }
}
