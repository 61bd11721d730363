package dev.vesper.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.testing.ErrorCodes;
import dev.vesper.server.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The same migrations and transactions on SQLite and on a real PostgreSQL. */
class DatabaseTest {
  @TempDir Path dir;

  private Database open(String kind) throws VesperException {
    return kind.equals("sqlite")
        ? Database.sqlite(dir, "kit.db", "db/kit")
        : Database.postgres(TestDatabases.freshPostgres(), "db/kit");
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgres"})
  void migratesCommitsAndRollsBack(String kind) throws Exception {
    try (Database db = open(kind)) {
      assertThat(db.ping()).isTrue();
      db.transaction(c -> {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO kit_items (id, body, at_ms) VALUES (?, ?, ?)")) {
          s.setString(1, "a");
          s.setString(2, "kept");
          s.setLong(3, 1L);
          return s.executeUpdate();
        }
      });
      assertThat(
              ErrorCodes.of(() -> db.transaction(c -> {
                try (PreparedStatement s = c.prepareStatement("INSERT INTO kit_items (id, body, at_ms) VALUES ('b', 'lost', 2)")) {
                  s.executeUpdate();
                }
                throw new VesperException(ErrorCode.REQUEST_BAD_BODY, "abort");
              })))
          .isEqualTo(ErrorCode.REQUEST_BAD_BODY);
      int rows = db.transaction(c -> {
        try (ResultSet r = c.createStatement().executeQuery("SELECT COUNT(*) FROM kit_items")) {
          r.next();
          return r.getInt(1);
        }
      });
      assertThat(rows).isEqualTo(1);
      assertThat(db.dialect()).isEqualTo(kind.equals("sqlite") ? Database.Dialect.SQLITE : Database.Dialect.POSTGRES);
    }
  }
}
