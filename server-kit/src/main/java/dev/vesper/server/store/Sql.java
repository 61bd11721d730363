package dev.vesper.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Parameterised statements on one connection, for the stores' one-method-per-query classes: arguments
 * bind by type ({@code null}, {@link Long}, {@link Integer}, otherwise their string form), never by
 * string concatenation.
 */
public final class Sql {
  private Sql() {}

  /** Reads one row. */
  @FunctionalInterface
  public interface RowReader<T> {
    T read(ResultSet row) throws SQLException;
  }

  /** Runs an INSERT, UPDATE or DELETE; returns the number of rows it touched. */
  public static int exec(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      bind(s, args);
      return s.executeUpdate();
    }
  }

  /** Runs one statement for each argument row, as a JDBC batch. */
  public static void batch(Connection c, String sql, List<Object[]> rows) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      for (Object[] args : rows) {
        bind(s, args);
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  public static <T> List<T> list(Connection c, String sql, RowReader<T> reader, Object... args) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      bind(s, args);
      try (ResultSet r = s.executeQuery()) {
        List<T> out = new ArrayList<>();
        while (r.next()) {
          out.add(reader.read(r));
        }
        return out;
      }
    }
  }

  public static <T> Optional<T> one(Connection c, String sql, RowReader<T> reader, Object... args) throws SQLException {
    List<T> rows = list(c, sql, reader, args);
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
  }

  private static void bind(PreparedStatement s, Object... args) throws SQLException {
    for (int i = 0; i < args.length; i++) {
      Object a = args[i];
      if (a == null) {
        s.setNull(i + 1, Types.NULL);
      } else if (a instanceof Long l) {
        s.setLong(i + 1, l);
      } else if (a instanceof Integer n) {
        s.setLong(i + 1, n);
      } else {
        s.setString(i + 1, a.toString());
      }
    }
  }
}
