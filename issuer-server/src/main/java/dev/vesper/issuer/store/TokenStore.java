package dev.vesper.issuer.store;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.log.entry.Reason;
import dev.vesper.server.store.Database;
import dev.vesper.server.store.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.IntUnaryOperator;
import java.util.function.Supplier;

/**
 * The issuer service's SQL for issued tokens, status lists and the transparency-log outbox. Issuing a
 * batch and changing a status each run in one transaction with their events and log entries.
 */
public final class TokenStore {
  static final String TOKEN = "SELECT id, entity_id, list_id, idx, status, status_reason, status_at, token_sha256,"
      + " holder_jkt, issuer_kid, tn, issued_at, expires_at, listed FROM tokens";

  private final Database db;
  private final LogEntries log;

  public TokenStore(Database db, LogEntries log) {
    this.db = db;
    this.log = log;
  }

  // --- tokens and status lists ------------------------------------------------------------------

  /** Signs one token of a batch once its status list and index are known. */
  @FunctionalInterface
  public interface TokenSigner {
    Rows.Token sign(int position, String listId, int idx) throws VesperException;
  }

  /**
   * Issues a batch atomically: consumes {@code nonce} (refused with
   * {@link ErrorCode#ISSUANCE_NONCE_INVALID} when unknown, expired or used), gives each token a free
   * index drawn by {@code randomIndex} in the open status list (opening {@code newList} when the open
   * one is {@code fillLimit} full), has {@code signer} sign it, and inserts the rows and their events.
   * With {@code accessTokenHash}, also spends that OpenID4VCI access token (refused with
   * {@link ErrorCode#OID4VC_INVALID_TOKEN} when used or expired). Nothing is kept when anything fails.
   */
  public List<Rows.Token> insertTokens(String accessTokenHash, String nonce, long nowSeconds, int count, IntUnaryOperator randomIndex, double fillLimit,
      Supplier<Rows.StatusList> newList, TokenSigner signer, Function<Rows.Token, Rows.Event> issued)
      throws VesperException {
    return db.transaction(c -> {
      if (accessTokenHash != null && Sql.exec(c, "UPDATE access_tokens SET used_at = ? WHERE token_hash = ? AND used_at IS NULL"
          + " AND expires_at > ?", nowSeconds, accessTokenHash, nowSeconds) != 1) {
        throw new VesperException(ErrorCode.OID4VC_INVALID_TOKEN, "the access token is unknown, expired or already used");
      }
      if (Sql.exec(c, "DELETE FROM nonces WHERE nonce = ? AND expires_at > ?", nonce, nowSeconds) != 1) {
        throw new VesperException(ErrorCode.ISSUANCE_NONCE_INVALID,
            "the proof nonce is unknown, expired or already used; get a fresh one from the nonce endpoint");
      }
      List<Rows.Token> placed = new ArrayList<>(count);
      for (int position = 0; position < count; position++) {
        Rows.StatusList list = openList(c, fillLimit, newList);
        while (true) {
          int idx = randomIndex.applyAsInt(list.size());
          if (Sql.one(c, "SELECT 1 FROM tokens WHERE list_id = ? AND idx = ?", r -> 1, list.id(), idx).isPresent()) {
            continue;
          }
          Rows.Token t = signer.sign(position, list.id(), idx);
          int inserted = Sql.exec(c, "INSERT INTO tokens (id, entity_id, list_id, idx, status, status_reason, status_at, token_sha256,"
                  + " holder_jkt, issuer_kid, tn, issued_at, expires_at, listed) VALUES (?, ?, ?, ?, 'valid', NULL, NULL, ?, ?, ?, ?, ?, ?, ?)"
                  + " ON CONFLICT (list_id, idx) DO NOTHING", t.id(), t.entityId(), list.id(), idx, t.tokenSha256(), t.holderJkt(),
              t.issuerKid(), t.tnJson(), t.issuedAt(), t.expiresAt(), t.listedJson());
          if (inserted == 1) {
            placed.add(t);
            Writes.event(c, issued.apply(t));
            if (log != null) {
              for (Rows.Outbox o : log.issued(t)) {
                Writes.outbox(c, o);
              }
            }
            break;
          }
        }
      }
      return placed;
    });
  }

  private Rows.StatusList openList(Connection c, double fillLimit, Supplier<Rows.StatusList> newList)
      throws SQLException {
    Optional<Rows.StatusList> open = Sql.one(c, "SELECT id, size, is_open, created_at FROM status_lists WHERE is_open = 1"
        + " ORDER BY created_at, id", TokenStore::statusList);
    if (open.isPresent()) {
      Rows.StatusList list = open.get();
      long used = Sql.one(c, "SELECT COUNT(*) FROM tokens WHERE list_id = ?", r -> r.getLong(1), list.id()).orElse(0L);
      if (used < list.size() * fillLimit) {
        return list;
      }
      Sql.exec(c, "UPDATE status_lists SET is_open = 0 WHERE id = ?", list.id());
    }
    Rows.StatusList fresh = newList.get();
    Sql.exec(c, "INSERT INTO status_lists (id, size, is_open, created_at) VALUES (?, ?, 1, ?)", fresh.id(), fresh.size(), fresh.createdAt());
    return fresh;
  }

  public Optional<Rows.StatusList> statusList(String id) throws VesperException {
    return db.transaction(c -> Sql.one(c, "SELECT id, size, is_open, created_at FROM status_lists WHERE id = ?", TokenStore::statusList, id));
  }

  /** The non-valid entries of a list: index → status. */
  public List<int[]> nonValidEntries(String listId) throws VesperException {
    return db.transaction(c -> Sql.list(c, "SELECT idx, status FROM tokens WHERE list_id = ? AND status <> 'valid'",
        r -> new int[] {r.getInt(1), "revoked".equals(r.getString(2)) ? 1 : 2}, listId));
  }

  public Optional<Rows.Token> token(String id) throws VesperException {
    return db.transaction(c -> Sql.one(c, TOKEN + " WHERE id = ?", TokenStore::token, id));
  }

  public List<Rows.Token> tokensOf(String entityId) throws VesperException {
    return db.transaction(c -> Sql.list(c, TOKEN + " WHERE entity_id = ? ORDER BY issued_at, id", TokenStore::token, entityId));
  }

  /**
   * Moves a token from one of {@code from} to {@code to} with its event; false when its status was not
   * one of {@code from} (a concurrent change, or a transition that does not apply).
   */
  public boolean changeStatus(String tokenId, List<String> from, String to, Reason reason, long nowSeconds, Rows.Event event)
      throws VesperException {
    return db.transaction(c -> {
      String in = String.join(", ", from.stream().map(s -> "?").toList());
      List<Object> args = new ArrayList<>(List.of(to, reason.id(), nowSeconds, tokenId));
      args.addAll(from);
      int n = Sql.exec(c, "UPDATE tokens SET status = ?, status_reason = ?, status_at = ? WHERE id = ? AND status IN (" + in + ")",
          args.toArray());
      if (n == 1) {
        Writes.event(c, event);
        if (log != null) {
          String sha = Sql.one(c, "SELECT token_sha256 FROM tokens WHERE id = ?", r -> r.getString(1), tokenId).orElseThrow();
          Writes.outbox(c, log.statusChanged(tokenId, sha, to, reason, event.atMs()));
        }
      }
      return n == 1;
    });
  }

  // --- log outbox -------------------------------------------------------------------------------

  private static final String OUTBOX = "SELECT id, token_id, kind, entry, created_at_ms, attempts, next_attempt_ms, last_error,"
      + " log_index, receipt, sent_at_ms FROM log_outbox";

  /** Entries due for (re)sending, oldest first. */
  public List<Rows.Outbox> duePending(long nowMs, int limit) throws VesperException {
    return db.transaction(c -> Sql.list(c, OUTBOX + " WHERE sent_at_ms IS NULL AND next_attempt_ms <= ? ORDER BY created_at_ms, id LIMIT "
        + Math.max(1, Math.min(limit, 500)), TokenStore::outboxRow, nowMs));
  }

  public void markShipped(String id, long index, String receipt, long atMs) throws VesperException {
    db.transaction(c -> Sql.exec(c, "UPDATE log_outbox SET log_index = ?, receipt = ?, sent_at_ms = ?, last_error = NULL WHERE id = ?",
        index, receipt, atMs, id));
  }

  public void markFailed(String id, int attempts, long nextAttemptMs, String error) throws VesperException {
    db.transaction(c -> Sql.exec(c, "UPDATE log_outbox SET attempts = ?, next_attempt_ms = ?, last_error = ? WHERE id = ?",
        attempts, nextAttemptMs, error, id));
  }

  /** The shipped issuance entry of a token, if any. */
  public Optional<Rows.Outbox> issuanceEntry(String tokenId) throws VesperException {
    return db.transaction(c -> Sql.one(c, OUTBOX + " WHERE token_id = ? AND kind = 'token_issued'", TokenStore::outboxRow, tokenId));
  }

  private static Rows.Outbox outboxRow(ResultSet r) throws SQLException {
    long index = r.getLong(9);
    Long logIndex = r.wasNull() ? null : index;
    long sent = r.getLong(11);
    Long sentAt = r.wasNull() ? null : sent;
    return new Rows.Outbox(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getLong(5), r.getInt(6), r.getLong(7),
        r.getString(8), logIndex, r.getString(10), sentAt);
  }

  static Rows.Token token(ResultSet r) throws SQLException {
    long at = r.getLong(7);
    Long statusAt = r.wasNull() ? null : at;
    return new Rows.Token(r.getString(1), r.getString(2), r.getString(3), r.getInt(4), r.getString(5), r.getString(6), statusAt,
        r.getString(8), r.getString(9), r.getString(10), r.getString(11), r.getLong(12), r.getLong(13), r.getString(14));
  }

  private static Rows.StatusList statusList(ResultSet r) throws SQLException {
    return new Rows.StatusList(r.getString(1), r.getInt(2), r.getInt(3) == 1, r.getLong(4));
  }
}
