package dev.vesper.verifier.http;

import dev.vesper.core.crypto.IssuerTrust;
import dev.vesper.core.crypto.TrustedKeys;
import dev.vesper.core.log.entry.IssuanceReceipts;
import dev.vesper.server.sip.SipRedirectServer;
import dev.vesper.verifier.StatusLists;
import dev.vesper.verifier.oid4vp.Oid4vpClient;
import dev.vesper.verifier.stir.StirVerifier;
import java.time.Clock;
import java.util.Objects;

/**
 * The verifier service: where to listen, the issuers it trusts (keys bound to their issuers, or issuers
 * whose metadata it resolves: {@link dev.vesper.verifier.RemoteIssuers}), optionally the log whose issuance
 * receipts every presentation must carry ({@code requireReceiptsFrom}, null for none), and optionally
 * where token status is looked up ({@code statusLists}, null to skip the status check), and optionally
 * the STI-VS ({@code stir}, null when the service does not verify calls), also as a SIP redirect server
 * on {@code sipPort} (null for REST only); {@code oid4vp} is the verifier as an OpenID4VP client (null: requests by
 * value under {@code redirect_uri:} at {@code http://host:port}); {@code operatorKey} opens {@code /metrics}
 * (null: closed); {@code sipTls}, with {@code sipPort}, adds SIP over TLS (null for UDP and TCP only).
 */
public record VerifierConfig(
    String host, int port, IssuerTrust trustedIssuers, IssuanceReceipts requireReceiptsFrom, Clock clock, StatusLists statusLists,
    StirVerifier stir, Integer sipPort, Oid4vpClient oid4vp, String operatorKey, SipRedirectServer.TlsListener sipTls) {
  /** A service whose SIP face, if any, has no TLS. */
  public VerifierConfig(String host, int port, IssuerTrust trustedIssuers, IssuanceReceipts requireReceiptsFrom, Clock clock,
      StatusLists statusLists, StirVerifier stir, Integer sipPort, Oid4vpClient oid4vp, String operatorKey) {
    this(host, port, trustedIssuers, requireReceiptsFrom, clock, statusLists, stir, sipPort, oid4vp, operatorKey, null);
  }

  /** A service without an operator key: {@code /metrics} answers 401. */
  public VerifierConfig(String host, int port, IssuerTrust trustedIssuers, IssuanceReceipts requireReceiptsFrom, Clock clock,
      StatusLists statusLists, StirVerifier stir, Integer sipPort, Oid4vpClient oid4vp) {
    this(host, port, trustedIssuers, requireReceiptsFrom, clock, statusLists, stir, sipPort, oid4vp, null, null);
  }

  /** A service whose OpenID4VP requests go by value under {@code redirect_uri:} at its own address. */
  public VerifierConfig(String host, int port, IssuerTrust trustedIssuers, IssuanceReceipts requireReceiptsFrom, Clock clock,
      StatusLists statusLists, StirVerifier stir, Integer sipPort) {
    this(host, port, trustedIssuers, requireReceiptsFrom, clock, statusLists, stir, sipPort, null, null, null);
  }

  /** A service whose STI-VS, if any, answers over REST only. */
  public VerifierConfig(String host, int port, IssuerTrust trustedIssuers, IssuanceReceipts requireReceiptsFrom, Clock clock,
      StatusLists statusLists, StirVerifier stir) {
    this(host, port, trustedIssuers, requireReceiptsFrom, clock, statusLists, stir, null, null, null, null);
  }

  /** A service that does not check token status. */
  public VerifierConfig(String host, int port, IssuerTrust trustedIssuers, IssuanceReceipts requireReceiptsFrom, Clock clock) {
    this(host, port, trustedIssuers, requireReceiptsFrom, clock, null, null, null, null, null, null);
  }

  /** A service without the STI-VS. */
  public VerifierConfig(String host, int port, IssuerTrust trustedIssuers, IssuanceReceipts requireReceiptsFrom, Clock clock,
      StatusLists statusLists) {
    this(host, port, trustedIssuers, requireReceiptsFrom, clock, statusLists, null, null, null, null, null);
  }

  public VerifierConfig {
    Objects.requireNonNull(host, "host == null");
    Objects.requireNonNull(trustedIssuers, "trustedIssuers == null");
    if (trustedIssuers instanceof TrustedKeys keys && keys.keys().isEmpty()) {
      throw new IllegalArgumentException("trust at least one issuer key");
    }
    Objects.requireNonNull(clock, "clock == null");
    if (sipPort != null && (stir == null || sipPort < 1 || sipPort > 65535)) {
      throw new IllegalArgumentException("a SIP port needs the STI-VS (--sti-root) and must be 1..65535");
    }
    if (sipTls != null && sipPort == null) {
      throw new IllegalArgumentException("SIP over TLS needs the SIP face (--sip-port)");
    }
  }
}
