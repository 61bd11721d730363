package dev.vesper.issuer.store;

import dev.vesper.core.json.Json;
import dev.vesper.core.log.entry.Reason;
import dev.vesper.server.store.Ids;
import dev.vesper.server.store.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Writes that several store methods share, always inside the caller's transaction. */
final class Writes {
  private Writes() {}

  /**
   * Appends an event; its time is pushed past the entity's latest event, so that events made within
   * one millisecond (or by a clock that went back) keep the order they happened in.
   */
  static void event(Connection c, Rows.Event e) throws SQLException {
    Sql.exec(c, "INSERT INTO events (id, at_ms, entity_id, token_id, kind, detail)"
            + " SELECT CAST(? AS VARCHAR(40)), CASE WHEN MAX(at_ms) >= CAST(? AS BIGINT) THEN MAX(at_ms) + 1 ELSE CAST(? AS BIGINT) END,"
            + " CAST(? AS VARCHAR(40)), CAST(? AS VARCHAR(40)), CAST(? AS VARCHAR(32)), CAST(? AS TEXT) FROM events WHERE entity_id = ?",
        e.id(), e.atMs(), e.atMs(), e.entityId(), e.tokenId(), e.kind(), e.detailJson(), e.entityId());
  }

  static void outbox(Connection c, Rows.Outbox o) throws SQLException {
    Sql.exec(c, "INSERT INTO log_outbox (id, token_id, kind, entry, created_at_ms, attempts, next_attempt_ms, last_error, log_index,"
        + " receipt, sent_at_ms) VALUES (?, ?, ?, ?, ?, 0, ?, NULL, NULL, NULL, NULL)", o.id(), o.tokenId(), o.kind(), o.entryBase64(),
        o.createdAtMs(), o.createdAtMs());
  }

  /** Revokes the entity's live tokens that {@code tnFilter} selects (all when null), with events and log entries. */
  static List<String> revokeLive(Connection c, LogEntries log, String entityId, Predicate<String> tnFilter, Reason reason,
      long nowMs) throws SQLException {
    long nowSeconds = nowMs / 1000;
    List<String[]> live = Sql.list(c, "SELECT id, tn, token_sha256 FROM tokens WHERE entity_id = ? AND status <> 'revoked' AND expires_at > ?",
        r -> new String[] {r.getString(1), r.getString(2), r.getString(3)}, entityId, nowSeconds);
    List<String> revoked = new ArrayList<>();
    for (String[] t : live) {
      if (tnFilter == null || tnFilter.test(t[1])) {
        Sql.exec(c, "UPDATE tokens SET status = 'revoked', status_reason = ?, status_at = ? WHERE id = ?", reason.id(), nowSeconds, t[0]);
        Writes.event(c, new Rows.Event(Ids.newId("ev"), nowMs + 1, entityId, t[0], "token_revoked",
            Json.write(Map.of("reason", reason.id()))));
        if (log != null) {
          Writes.outbox(c, log.statusChanged(t[0], t[2], "revoked", reason, nowMs));
        }
        revoked.add(t[0]);
      }
    }
    return revoked;
  }
}
