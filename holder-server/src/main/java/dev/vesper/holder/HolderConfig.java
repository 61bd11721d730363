package dev.vesper.holder;

import dev.vesper.core.crypto.TrustedKeys;
import dev.vesper.server.ServerChecks;
import dev.vesper.server.sip.SipRedirectServer;
import dev.vesper.server.store.Kek;
import dev.vesper.server.store.Pkcs11SigningKeys;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * Everything the holder server needs, validated once at start-up (fail fast, clear message).
 *
 * @param host the address to bind (default 127.0.0.1)
 * @param port the port, 0 for any free one
 * @param dataDir where the SQLite file lives when {@code jdbcUrl} is null
 * @param jdbcUrl a {@code jdbc:postgresql:} URL, or null for the embedded SQLite store
 * @param trustedIssuers issuers whose tokens may be imported
 * @param adminKey the operator key that creates tenants
 * @param kek the key-encryption key of the tenants' data keys
 * @param ratePerSecond each tenant's sustained request rate
 * @param burst each tenant's burst
 * @param clock the clock
 * @param holderKeys where new holder keys are generated when they must never leave an HSM; null keeps
 *     them in software, sealed under the tenant's data key
 * @param sti the STI-AS credential for {@code POST /stir/v1/signing}; null when the service signs no PASSporTs
 * @param sipPort with {@code sti}, also the STI-AS as a SIP redirect server on this port; null for none
 * @param wallet the wallet's outbound rules and verifier roots
 * @param sipTls with {@code sipPort}, also SIP over TLS ({@code sips:}) on its port; null for UDP and TCP only
 */
public record HolderConfig(
    String host, int port, Path dataDir, String jdbcUrl, TrustedKeys trustedIssuers, String adminKey, Kek kek,
    double ratePerSecond, int burst, Clock clock, Pkcs11SigningKeys holderKeys, StiCredential sti, Integer sipPort, WalletConfig wallet,
    SipRedirectServer.TlsListener sipTls) {
  /** A configuration whose SIP face, if any, has no TLS. */
  public HolderConfig(
      String host, int port, Path dataDir, String jdbcUrl, TrustedKeys trustedIssuers, String adminKey, Kek kek,
      double ratePerSecond, int burst, Clock clock, Pkcs11SigningKeys holderKeys, StiCredential sti, Integer sipPort, WalletConfig wallet) {
    this(host, port, dataDir, jdbcUrl, trustedIssuers, adminKey, kek, ratePerSecond, burst, clock, holderKeys, sti, sipPort, wallet, null);
  }

  /** A configuration with the default wallet rules (public https only, no verifier roots). */
  public HolderConfig(
      String host, int port, Path dataDir, String jdbcUrl, TrustedKeys trustedIssuers, String adminKey, Kek kek,
      double ratePerSecond, int burst, Clock clock, Pkcs11SigningKeys holderKeys, StiCredential sti, Integer sipPort) {
    this(host, port, dataDir, jdbcUrl, trustedIssuers, adminKey, kek, ratePerSecond, burst, clock, holderKeys, sti, sipPort, WalletConfig.defaults());
  }

  /** A configuration without a SIP face. */
  public HolderConfig(
      String host, int port, Path dataDir, String jdbcUrl, TrustedKeys trustedIssuers, String adminKey, Kek kek,
      double ratePerSecond, int burst, Clock clock, Pkcs11SigningKeys holderKeys, StiCredential sti) {
    this(host, port, dataDir, jdbcUrl, trustedIssuers, adminKey, kek, ratePerSecond, burst, clock, holderKeys, sti, null);
  }

  /** A configuration without the STI-AS. */
  public HolderConfig(
      String host, int port, Path dataDir, String jdbcUrl, TrustedKeys trustedIssuers, String adminKey, Kek kek,
      double ratePerSecond, int burst, Clock clock, Pkcs11SigningKeys holderKeys) {
    this(host, port, dataDir, jdbcUrl, trustedIssuers, adminKey, kek, ratePerSecond, burst, clock, holderKeys, null, null);
  }

  /** A configuration with holder keys in software. */
  public HolderConfig(
      String host, int port, Path dataDir, String jdbcUrl, TrustedKeys trustedIssuers, String adminKey, Kek kek,
      double ratePerSecond, int burst, Clock clock) {
    this(host, port, dataDir, jdbcUrl, trustedIssuers, adminKey, kek, ratePerSecond, burst, clock, null, null, null);
  }

  public HolderConfig {
    Objects.requireNonNull(host, "host == null");
    Objects.requireNonNull(trustedIssuers, "trustedIssuers == null");
    Objects.requireNonNull(kek, "kek == null");
    Objects.requireNonNull(clock, "clock == null");
    Objects.requireNonNull(wallet, "wallet == null");
    ServerChecks.store(jdbcUrl, dataDir);
    ServerChecks.adminKey(adminKey);
    if (sipPort != null && (sti == null || sipPort < 1 || sipPort > 65535)) {
      throw new IllegalArgumentException("a SIP port needs the STI credential (--sti-key, --sti-cert-chain) and must be 1..65535");
    }
    if (sipTls != null && sipPort == null) {
      throw new IllegalArgumentException("SIP over TLS needs the SIP face (--sip-port)");
    }
    if (port < 0 || port > 65535 || ratePerSecond <= 0 || burst < 1) {
      throw new IllegalArgumentException("port, rate and burst must be in range");
    }
  }
}
