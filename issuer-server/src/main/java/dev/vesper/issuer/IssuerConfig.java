package dev.vesper.issuer;

import dev.vesper.core.crypto.Signer;
import dev.vesper.core.sdjwt.Randomness;
import dev.vesper.issuer.vetting.TrustedSources;
import dev.vesper.server.ServerChecks;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything the issuer server needs, validated once at start-up.
 *
 * @param host the address to bind (default 127.0.0.1)
 * @param port the port, 0 for any free one
 * @param dataDir where the SQLite file lives when {@code jdbcUrl} is null
 * @param jdbcUrl a {@code jdbc:postgresql:} URL, or null for the embedded SQLite store
 * @param issuerUrl the issuer identifier (tokens' {@code iss}, proofs' {@code aud}, status list uris);
 *     null for {@code http://host:port} once bound
 * @param adminKey the operator key
 * @param signingKey the issuer's signing key (software or PKCS#11)
 * @param x5c the issuer's certificate chain for token headers (base64 DER, end-entity first); may be empty
 * @param kycProviders KYC providers whose attestations are accepted
 * @param numberingAuthorities numbering authorities and assigning providers whose authority tokens are accepted
 * @param kycValidity how long a vetting decision counts
 * @param tokenValidity the longest token lifetime (never past the vetting's)
 * @param statusTtl the {@code ttl} of status list tokens
 * @param ratePerSecond each caller's sustained request rate
 * @param burst each caller's burst
 * @param clock the clock
 * @param randomness salts, decoys, nonces and status indexes
 * @param logUrl the transparency log to report issuance and status changes to; null for none
 * @param numberLabelKey the log's number-label key ({@code k_label}, docs/transparency.md §3.1), with {@code logUrl}
 * @param registrationsPerMinute anonymous self-registrations a minute in all (a tenth of them from one address)
 */
public record IssuerConfig(
    String host, int port, Path dataDir, String jdbcUrl, String issuerUrl, String adminKey, Signer signingKey, List<String> x5c,
    TrustedSources kycProviders, TrustedSources numberingAuthorities, Duration kycValidity, Duration tokenValidity,
    Duration statusTtl, double ratePerSecond, int burst, Clock clock, Randomness randomness, String logUrl,
    byte[] numberLabelKey, int registrationsPerMinute) {
  /** The default of {@code registrationsPerMinute}: a real onboarding flow, not a flood. */
  public static final int DEFAULT_REGISTRATIONS_PER_MINUTE = 60;

  /** A configuration with the default self-registration limit. */
  public IssuerConfig(
      String host, int port, Path dataDir, String jdbcUrl, String issuerUrl, String adminKey, Signer signingKey, List<String> x5c,
      TrustedSources kycProviders, TrustedSources numberingAuthorities, Duration kycValidity, Duration tokenValidity,
      Duration statusTtl, double ratePerSecond, int burst, Clock clock, Randomness randomness, String logUrl, byte[] numberLabelKey) {
    this(host, port, dataDir, jdbcUrl, issuerUrl, adminKey, signingKey, x5c, kycProviders, numberingAuthorities, kycValidity,
        tokenValidity, statusTtl, ratePerSecond, burst, clock, randomness, logUrl, numberLabelKey, DEFAULT_REGISTRATIONS_PER_MINUTE);
  }

  /** A configuration that reports to no transparency log. */
  public IssuerConfig(
      String host, int port, Path dataDir, String jdbcUrl, String issuerUrl, String adminKey, Signer signingKey, List<String> x5c,
      TrustedSources kycProviders, TrustedSources numberingAuthorities, Duration kycValidity, Duration tokenValidity,
      Duration statusTtl, double ratePerSecond, int burst, Clock clock, Randomness randomness) {
    this(host, port, dataDir, jdbcUrl, issuerUrl, adminKey, signingKey, x5c, kycProviders, numberingAuthorities, kycValidity,
        tokenValidity, statusTtl, ratePerSecond, burst, clock, randomness, null, null, DEFAULT_REGISTRATIONS_PER_MINUTE);
  }

  public IssuerConfig {
    Objects.requireNonNull(host, "host == null");
    Objects.requireNonNull(signingKey, "signingKey == null");
    Objects.requireNonNull(kycProviders, "kycProviders == null");
    Objects.requireNonNull(numberingAuthorities, "numberingAuthorities == null");
    Objects.requireNonNull(clock, "clock == null");
    Objects.requireNonNull(randomness, "randomness == null");
    x5c = List.copyOf(x5c);
    ServerChecks.store(jdbcUrl, dataDir);
    ServerChecks.adminKey(adminKey);
    if (issuerUrl != null && !(issuerUrl.startsWith("https://") || issuerUrl.startsWith("http://")) || issuerUrl != null && issuerUrl.endsWith("/")) {
      throw new IllegalArgumentException("--issuer-url must be an http(s) URL without a trailing slash");
    }
    if (port < 0 || port > 65535 || ratePerSecond <= 0 || burst < 1) {
      throw new IllegalArgumentException("port, rate and burst must be in range");
    }
    if (logUrl != null && (!(logUrl.startsWith("https://") || logUrl.startsWith("http://")) || logUrl.endsWith("/"))) {
      throw new IllegalArgumentException("--log-url must be an http(s) URL without a trailing slash");
    }
    if (logUrl != null && (numberLabelKey == null || numberLabelKey.length < 32)) {
      throw new IllegalArgumentException("reporting to a log needs its number-label key (--log-label-key, at least 32 bytes)");
    }
    numberLabelKey = numberLabelKey == null ? null : numberLabelKey.clone();
    if (registrationsPerMinute < 1 || registrationsPerMinute > 1_000_000) {
      throw new IllegalArgumentException("self-registrations per minute must be 1 to 1,000,000");
    }
    for (Duration d : List.of(kycValidity, tokenValidity, statusTtl)) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("validities and ttl must be positive");
      }
    }
  }
}
