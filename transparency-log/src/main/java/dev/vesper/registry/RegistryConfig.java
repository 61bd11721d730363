package dev.vesper.registry;

import dev.vesper.core.crypto.PublicJwk;
import dev.vesper.core.log.NoteSigner;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * What the registry server needs: where to listen, where the log lives (SQLite under {@code dataDir}, or
 * PostgreSQL at {@code jdbcUrl}), the checkpoint signing key (its name is the log origin) and the
 * registrar keys ({@code submitters}): they may append anything and register issuer keys, which may then
 * append their own entries ({@link dev.vesper.registry.log.Submitters}); {@code operatorKey} opens
 * {@code /metrics} (null: closed).
 */
public record RegistryConfig(
    String host, int port, Path dataDir, String jdbcUrl, NoteSigner logKey, List<PublicJwk> submitters, Clock clock, String operatorKey) {
  /** A registry without an operator key: {@code /metrics} answers 401. */
  public RegistryConfig(String host, int port, Path dataDir, String jdbcUrl, NoteSigner logKey, List<PublicJwk> submitters, Clock clock) {
    this(host, port, dataDir, jdbcUrl, logKey, submitters, clock, null);
  }

  public RegistryConfig {
    Objects.requireNonNull(host, "host == null");
    Objects.requireNonNull(logKey, "logKey == null");
    submitters = List.copyOf(submitters);
    Objects.requireNonNull(clock, "clock == null");
    if (jdbcUrl == null) {
      Objects.requireNonNull(dataDir, "dataDir == null (or give a JDBC URL)");
    }
  }
}
