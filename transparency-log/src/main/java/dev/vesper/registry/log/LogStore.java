package dev.vesper.registry.log;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.server.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/** The log's rows: entries by index, dedup keys, signed checkpoints. The only class that speaks SQL here. */
final class LogStore {
  private static final HexFormat HEX = HexFormat.of();
  private final Database db;

  LogStore(Database db) {
    this.db = db;
  }

  /** A new entry as the integrator writes it. */
  record NewRow(long index, byte[] leaf, byte[] leafHash, String dedupKey, long loggedAt, List<String> subjects) {}

  record StoredCheckpoint(long size, byte[] root, String note) {}

  /**
   * Streams every leaf hash in index order to {@code sink}, checking that the indexes are 0..n-1.
   *
   * @return the number of entries
   */
  long forEachLeafHash(Consumer<byte[]> sink) throws VesperException {
    return db.transaction(c -> {
      long expected = 0;
      try (PreparedStatement s = c.prepareStatement("SELECT idx, leaf_hash FROM log_entries ORDER BY idx")) {
        s.setFetchSize(10_000);
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            if (r.getLong(1) != expected) {
              throw new VesperException(ErrorCode.STORAGE_INTEGRITY, "the log has a gap or duplicate at index " + expected);
            }
            sink.accept(HEX.parseHex(r.getString(2)));
            expected++;
          }
        }
      }
      return expected;
    });
  }

  /** Inserts a batch in one transaction; entries whose dedup key is already stored are skipped by the caller. */
  void insert(List<NewRow> rows) throws VesperException {
    db.transaction(c -> {
      try (PreparedStatement s = c.prepareStatement(
          "INSERT INTO log_entries (idx, leaf, leaf_hash, dedup_key, logged_at) VALUES (?, ?, ?, ?, ?)")) {
        for (NewRow row : rows) {
          s.setLong(1, row.index());
          s.setString(2, Base64.getEncoder().encodeToString(row.leaf()));
          s.setString(3, HEX.formatHex(row.leafHash()));
          s.setString(4, row.dedupKey());
          s.setLong(5, row.loggedAt());
          s.addBatch();
        }
        s.executeBatch();
      }
      try (PreparedStatement s = c.prepareStatement("INSERT INTO log_subjects (subject, idx) VALUES (?, ?)")) {
        for (NewRow row : rows) {
          for (String subject : row.subjects()) {
            s.setString(1, subject);
            s.setLong(2, row.index());
            s.addBatch();
          }
        }
        s.executeBatch();
      }
      return null;
    });
  }

  /** The indexes of entries about {@code subject}, ascending. */
  List<Long> indexesAbout(String subject) throws VesperException {
    return db.transaction(c -> {
      List<Long> out = new ArrayList<>();
      try (PreparedStatement s = c.prepareStatement("SELECT idx FROM log_subjects WHERE subject = ? ORDER BY idx")) {
        s.setString(1, subject);
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            out.add(r.getLong(1));
          }
        }
      }
      return out;
    });
  }

  /** The distinct subjects that start with {@code prefix}. */
  List<String> subjectsStartingWith(String prefix) throws VesperException {
    return db.transaction(c -> {
      List<String> out = new ArrayList<>();
      try (PreparedStatement s = c.prepareStatement(
          "SELECT DISTINCT subject FROM log_subjects WHERE subject LIKE ? ORDER BY subject")) {
        if (prefix.contains("%") || prefix.contains("_")) {
          throw new IllegalArgumentException("a subject prefix is a fixed word");
        }
        s.setString(1, prefix + "%");
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            out.add(r.getString(1));
          }
        }
      }
      return out;
    });
  }

  /**
   * Once per store: recomputes the dedup key of every entry with {@code keyOf} (its leaf in, its key
   * out), for stores written when keys still covered the signature. An entry whose new key an earlier
   * entry already has (a re-signed duplicate logged then) keeps its old key: the log never drops an
   * entry. One transaction; a no-op once recorded in {@code log_meta}.
   *
   * @return how many entries were rekeyed (0 once done)
   */
  long rekeyDedupOnContent(Function<byte[], String> keyOf) throws VesperException {
    return db.transaction(c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT value FROM log_meta WHERE name = 'dedup_keys'");
          ResultSet r = s.executeQuery()) {
        if (r.next()) {
          return 0L;
        }
      }
      Set<String> used = new HashSet<>();
      long rekeyed = 0;
      try (PreparedStatement read = c.prepareStatement("SELECT idx, leaf, dedup_key FROM log_entries ORDER BY idx");
          PreparedStatement write = c.prepareStatement("UPDATE log_entries SET dedup_key = ? WHERE idx = ?")) {
        read.setFetchSize(10_000);
        try (ResultSet r = read.executeQuery()) {
          while (r.next()) {
            String key = keyOf.apply(Base64.getDecoder().decode(r.getString(2)));
            if (used.add(key) && !key.equals(r.getString(3))) {
              write.setString(1, key);
              write.setLong(2, r.getLong(1));
              write.addBatch();
              rekeyed++;
            }
          }
        }
        write.executeBatch();
      }
      try (PreparedStatement s = c.prepareStatement("INSERT INTO log_meta (name, value) VALUES ('dedup_keys', 'content')")) {
        s.executeUpdate();
      }
      return rekeyed;
    });
  }

  /** The indexes of the dedup keys that are already logged: one query per 500 keys. */
  Map<String, Long> existing(List<String> dedupKeys) throws VesperException {
    return db.transaction(c -> {
      Map<String, Long> out = new HashMap<>();
      for (int from = 0; from < dedupKeys.size(); from += 500) {
        List<String> chunk = dedupKeys.subList(from, Math.min(dedupKeys.size(), from + 500));
        String marks = String.join(", ", Collections.nCopies(chunk.size(), "?"));
        try (PreparedStatement s = c.prepareStatement("SELECT dedup_key, idx FROM log_entries WHERE dedup_key IN (" + marks + ")")) {
          for (int i = 0; i < chunk.size(); i++) {
            s.setString(i + 1, chunk.get(i));
          }
          try (ResultSet r = s.executeQuery()) {
            while (r.next()) {
              out.put(r.getString(1), r.getLong(2));
            }
          }
        }
      }
      return out;
    });
  }

  /** The lowest index whose leaf hash is {@code leafHash}. */
  Optional<Long> indexOfLeafHash(byte[] leafHash) throws VesperException {
    return db.transaction(c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT MIN(idx) FROM log_entries WHERE leaf_hash = ?")) {
        s.setString(1, HEX.formatHex(leafHash));
        try (ResultSet r = s.executeQuery()) {
          long idx = r.next() ? r.getLong(1) : -1;
          return r.wasNull() || idx < 0 ? Optional.empty() : Optional.of(idx);
        }
      }
    });
  }

  Optional<byte[]> entry(long index) throws VesperException {
    return db.transaction(c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT leaf FROM log_entries WHERE idx = ?")) {
        s.setLong(1, index);
        try (ResultSet r = s.executeQuery()) {
          return r.next() ? Optional.of(Base64.getDecoder().decode(r.getString(1))) : Optional.empty();
        }
      }
    });
  }

  List<byte[]> entries(long from, long to) throws VesperException {
    return db.transaction(c -> {
      List<byte[]> out = new ArrayList<>();
      try (PreparedStatement s = c.prepareStatement("SELECT leaf FROM log_entries WHERE idx >= ? AND idx < ? ORDER BY idx")) {
        s.setLong(1, from);
        s.setLong(2, to);
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            out.add(Base64.getDecoder().decode(r.getString(1)));
          }
        }
      }
      return out;
    });
  }

  Optional<StoredCheckpoint> lastCheckpoint() throws VesperException {
    return db.transaction(c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT size, root, note FROM log_checkpoints ORDER BY size DESC LIMIT 1");
          ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(new StoredCheckpoint(r.getLong(1), HEX.parseHex(r.getString(2)), r.getString(3))) : Optional.empty();
      }
    });
  }

  void saveCheckpoint(long size, byte[] root, String note, long signedAt) throws VesperException {
    db.transaction(c -> {
      insertCheckpoint(c, size, root, note, signedAt);
      return null;
    });
  }

  private static void insertCheckpoint(Connection c, long size, byte[] root, String note, long signedAt) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("INSERT INTO log_checkpoints (size, root, note, signed_at) VALUES (?, ?, ?, ?)")) {
      s.setLong(1, size);
      s.setString(2, HEX.formatHex(root));
      s.setString(3, note);
      s.setLong(4, signedAt);
      s.executeUpdate();
    }
  }
}
