package dev.vesper.verifier.http;

import dev.vesper.core.error.VesperException;
import dev.vesper.server.store.Database;
import dev.vesper.server.store.Sql;
import dev.vesper.verifier.stir.ReplayStore;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replay detection shared by every STI-VS instance on one database (SQLite or PostgreSQL): one
 * {@code INSERT … ON CONFLICT DO UPDATE … WHERE expired} per call decides atomically whether a PASSporT
 * is new. Expired rows are purged every 10,000 sightings. When the store fails, the call is treated as a
 * replay (fail closed).
 */
public final class SqlReplayStore implements ReplayStore, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SqlReplayStore.class);

  private final Database db;
  private final AtomicLong sightings = new AtomicLong();

  private SqlReplayStore(Database db) {
    this.db = db;
  }

  /** Opens (and migrates) the store at {@code jdbcUrl}, a {@code jdbc:postgresql:} URL. */
  public static SqlReplayStore open(String jdbcUrl) throws VesperException {
    return new SqlReplayStore(Database.postgres(jdbcUrl, "db/verifier"));
  }

  @Override
  public boolean firstSighting(String key, long expiresAtSeconds, long nowSeconds) {
    try {
      if (sightings.incrementAndGet() % 10_000 == 0) {
        db.transaction(c -> Sql.exec(c, "DELETE FROM stir_replay WHERE expires_at < ?", nowSeconds));
      }
      int changed = db.transaction(c -> Sql.exec(c, "INSERT INTO stir_replay (passport_hash, expires_at) VALUES (?, ?)"
          + " ON CONFLICT (passport_hash) DO UPDATE SET expires_at = EXCLUDED.expires_at WHERE stir_replay.expires_at < ?",
          key, expiresAtSeconds, nowSeconds));
      return changed == 1;
    } catch (VesperException e) {
      LOG.warn("replay store unavailable, refusing the call: {}", e.getMessage());
      return false;
    }
  }

  @Override
  public void close() {
    db.close();
  }
}
