package dev.vesper.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;

/**
 * A pooled JDBC store: an embedded SQLite file by default, PostgreSQL when given a JDBC URL; the same
 * Flyway migrations for both. SQLite runs in WAL mode with {@code synchronous=NORMAL}: a committed
 * transaction survives the process being killed (it is in the WAL before commit returns), and concurrent
 * writers wait on a busy timeout instead of failing.
 */
public final class Database implements AutoCloseable {
  /** The SQL dialects we run on. */
  public enum Dialect { SQLITE, POSTGRES }

  private final HikariDataSource pool;
  private final Dialect dialect;

  private Database(HikariDataSource pool, Dialect dialect) {
    this.pool = pool;
    this.dialect = dialect;
  }

  /** Opens the SQLite file {@code dataDir/fileName}, creating the directory, and migrates it. */
  public static Database sqlite(Path dataDir, String fileName, String migrations) throws VesperException {
    try {
      if (!Files.exists(dataDir)) {
        Files.createDirectories(dataDir,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      }
    } catch (IOException e) {
      throw new VesperException(ErrorCode.STORAGE_UNAVAILABLE, "cannot create data directory " + dataDir);
    }
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:sqlite:" + dataDir.resolve(fileName).toAbsolutePath());
    config.addDataSourceProperty("journal_mode", "WAL");
    config.addDataSourceProperty("synchronous", "NORMAL");
    config.addDataSourceProperty("busy_timeout", "10000");
    config.addDataSourceProperty("foreign_keys", "true");
    config.setMaximumPoolSize(4);
    return open(config, Dialect.SQLITE, migrations, null);
  }

  /**
   * Opens PostgreSQL at {@code jdbcUrl} (user and password may be in the URL) and migrates it. A
   * {@code currentSchema=NAME} parameter keeps the service in its own schema (created when missing),
   * so that several services can share one database.
   */
  public static Database postgres(String jdbcUrl, String migrations) throws VesperException {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setMaximumPoolSize(10);
    Matcher schema = Pattern.compile("[?&]currentSchema=([a-z_][a-z0-9_]{0,62})(?:&|$)").matcher(jdbcUrl);
    return open(config, Dialect.POSTGRES, migrations, schema.find() ? schema.group(1) : null);
  }

  /** {@code jdbcUrl} with {@code currentSchema=schema} added: one schema per service in a shared database. */
  public static String withSchema(String jdbcUrl, String schema) {
    return jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  /** {@link #postgres} for a {@code jdbc:postgresql:} URL, otherwise SQLite under {@code dataDir}. */
  public static Database open(String jdbcUrl, Path dataDir, String fileName, String migrations) throws VesperException {
    return jdbcUrl != null ? postgres(jdbcUrl, migrations) : sqlite(dataDir, fileName, migrations);
  }

  private static Database open(HikariConfig config, Dialect dialect, String migrations, String schema) throws VesperException {
    config.setPoolName("vesper-" + dialect.name().toLowerCase(Locale.ROOT));
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new VesperException(ErrorCode.STORAGE_UNAVAILABLE, "cannot open the store: " + rootMessage(e));
    }
    try {
      var flyway = Flyway.configure().dataSource(pool).locations("classpath:" + migrations);
      if (schema != null) {
        flyway.schemas(schema).createSchemas(true);
      }
      flyway.load().migrate();
    } catch (RuntimeException e) {
      pool.close();
      throw new VesperException(ErrorCode.STORAGE_UNAVAILABLE, "cannot migrate the store: " + rootMessage(e));
    }
    return new Database(pool, dialect);
  }

  public Dialect dialect() {
    return dialect;
  }

  /** Work against one connection. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection connection) throws SQLException, VesperException;
  }

  /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
  public <T> T transaction(Work<T> work) throws VesperException {
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | VesperException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new VesperException(ErrorCode.STORAGE_UNAVAILABLE, "the store failed: " + e.getMessage());
    }
  }

  /** True when the store answers a trivial query. */
  public boolean ping() {
    try (Connection c = pool.getConnection(); var s = c.createStatement()) {
      return s.execute("SELECT 1");
    } catch (SQLException e) {
      return false;
    }
  }

  @Override
  public void close() {
    pool.close();
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage();
  }
}
