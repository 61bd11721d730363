package dev.vesper.server;

import java.nio.file.Path;

/** Start-up checks every server configuration makes, with the same words for the same mistake. */
public final class ServerChecks {
  private ServerChecks() {}

  /** A data directory for SQLite, or a {@code jdbc:postgresql:} URL. */
  public static void store(String jdbcUrl, Path dataDir) {
    if (jdbcUrl == null && dataDir == null) {
      throw new IllegalArgumentException("give a data directory or a JDBC URL");
    }
    if (jdbcUrl != null && !jdbcUrl.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException("--jdbc-url must be a jdbc:postgresql: URL");
    }
  }

  /** The operator key: 16 characters at least. */
  public static void adminKey(String adminKey) {
    if (adminKey == null || adminKey.length() < 16) {
      throw new IllegalArgumentException("an admin key of at least 16 characters is required (VESPER_ADMIN_KEY or --admin-key-file)");
    }
  }
}
