package dev.vesper.issuer.store;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.json.Json;
import dev.vesper.server.store.Database;
import dev.vesper.server.store.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntUnaryOperator;

/**
 * The issuer service's only SQL: one method per query or per atomic change, every statement
 * parameterised. Methods that change several tables (issuing a batch, changing a status, releasing
 * numbers) run in one transaction and append their events in it, so the audit never disagrees with
 * the state.
 */
public final class IssuerStore {
  private static final String ENTITY = "SELECT id, claims, kyc_state, state_reason, verified_at, created_at FROM entities";
  private static final String DECISION =
      "SELECT id, entity_id, source, decision, provider, method, level, attributes, reason, decided_at FROM kyc_decisions";
  private static final String TOKEN = "SELECT id, entity_id, list_id, idx, status, status_reason, status_at, token_sha256,"
      + " holder_jkt, issuer_kid, tn, issued_at, expires_at FROM tokens";

  /**
   * Builds the transparency-log entries of state changes, so that they are written in the same
   * transaction as the change. {@link #NONE} when the issuer reports to no log.
   */
  public interface LogEntries {
    LogEntries NONE = null;

    Rows.Outbox issued(Rows.Token token);

    /** {@code status}: revoked, suspended, or valid (a reinstatement). */
    Rows.Outbox statusChanged(String tokenId, String tokenSha256, String status, String reason, long atMs);
  }

  private final Database db;
  private final LogEntries log;

  public IssuerStore(Database db, LogEntries log) {
    this.db = db;
    this.log = log;
  }

  public boolean ping() {
    return db.ping();
  }

  // --- entities and vetting -------------------------------------------------------------------

  public void insertEntity(Rows.Entity e, String apiKeyHash, Rows.Event created) throws VesperException {
    db.transaction(c -> {
      Sql.exec(c, "INSERT INTO entities (id, claims, api_key_hash, kyc_state, state_reason, verified_at, created_at)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?)", e.id(), e.claimsJson(), apiKeyHash, e.kycState(), e.stateReason(), e.verifiedAt(), e.createdAt());
      event(c, created);
      return null;
    });
  }

  public Optional<Rows.Entity> entity(String id) throws VesperException {
    return db.transaction(c -> Sql.one(c, ENTITY + " WHERE id = ?", IssuerStore::entity, id));
  }

  public Optional<Rows.Entity> entityByKeyHash(String apiKeyHash) throws VesperException {
    return db.transaction(c -> Sql.one(c, ENTITY + " WHERE api_key_hash = ?", IssuerStore::entity, apiKeyHash));
  }

  /** Entities whose stored state is {@code state}: the expiry sweep reads the verified ones. */
  public List<Rows.Entity> entitiesInState(String state) throws VesperException {
    return db.transaction(c -> Sql.list(c, ENTITY + " WHERE kyc_state = ? ORDER BY id", IssuerStore::entity, state));
  }

  public List<Rows.Decision> decisions(String entityId) throws VesperException {
    return db.transaction(c -> Sql.list(c, DECISION + " WHERE entity_id = ? ORDER BY decided_at, id", IssuerStore::decision, entityId));
  }

  /**
   * Records a vetting decision (null for none), sets the entity's state and claims, and, when
   * {@code revokeReason} is given, revokes its live tokens, all in one transaction. Returns the ids of
   * the tokens it revoked.
   */
  public List<String> recordVetting(String entityId, Rows.Decision decision, String claimsJson, String state, String reason,
      Long verifiedAt, String revokeReason, long nowMs, List<Rows.Event> events) throws VesperException {
    return db.transaction(c -> {
      if (decision != null) {
        Sql.exec(c, "INSERT INTO kyc_decisions (id, entity_id, source, decision, provider, method, level, attributes, reason, decided_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", decision.id(), entityId, decision.source(), decision.decision(),
            decision.provider(), decision.method(), decision.level(), Json.write(decision.attributes()), decision.reason(),
            decision.decidedAt());
      }
      Sql.exec(c, "UPDATE entities SET claims = ?, kyc_state = ?, state_reason = ?, verified_at = ? WHERE id = ?",
          claimsJson, state, reason, verifiedAt, entityId);
      for (Rows.Event e : events) {
        event(c, e);
      }
      return revokeReason == null ? List.<String>of() : revokeLive(c, entityId, null, revokeReason, nowMs);
    });
  }

  // --- right to use ---------------------------------------------------------------------------

  /**
   * Records a validated authority token; {@link ErrorCode#VETTING_AUTHORITY_TOKEN_REPLAYED} when its
   * (authority, jti) was seen before.
   */
  public void insertRtuProof(Rows.RtuProof p, Rows.Event validated) throws VesperException {
    insertRtuProof(p, validated, null, null, null);
  }

  /** As {@link #insertRtuProof(Rows.RtuProof, Rows.Event)}, also widening the entity's claims in the same transaction. */
  public void insertRtuProof(Rows.RtuProof p, Rows.Event validated, String claimsJson, String state, Rows.Event claimed)
      throws VesperException {
    db.transaction(c -> {
      int inserted = Sql.exec(c, "INSERT INTO rtu_proofs (id, entity_id, authority, jti, entries, validated_at) VALUES (?, ?, ?, ?, ?, ?)"
          + " ON CONFLICT (authority, jti) DO NOTHING", p.id(), p.entityId(), p.authority(), p.jti(), p.entriesJson(), p.validatedAt());
      if (inserted == 0) {
        throw new VesperException(ErrorCode.VETTING_AUTHORITY_TOKEN_REPLAYED,
            "this authority token (jti) was presented before; ask the authority for a new one");
      }
      event(c, validated);
      if (claimsJson != null) {
        Sql.exec(c, "UPDATE entities SET claims = ?, kyc_state = ? WHERE id = ?", claimsJson, state, p.entityId());
        event(c, claimed);
      }
      return null;
    });
  }

  public List<Rows.RtuProof> rtuProofs(String entityId) throws VesperException {
    return db.transaction(c -> Sql.list(c, "SELECT id, entity_id, authority, jti, entries, validated_at FROM rtu_proofs"
        + " WHERE entity_id = ? ORDER BY validated_at, id", r -> new Rows.RtuProof(r.getString(1), r.getString(2),
        r.getString(3), r.getString(4), r.getString(5), r.getLong(6)), entityId));
  }

  /**
   * Releases numbers in one transaction: the entity's claims and each proof's remaining coverage are
   * rewritten, and every live token whose numbers overlap is revoked. Returns the revoked token ids.
   */
  public List<String> release(String entityId, String claimsJson, List<Rows.RtuProof> rewrittenProofs,
      java.util.function.Predicate<String> tokenTnOverlaps, String reason, long nowMs, Rows.Event released)
      throws VesperException {
    return db.transaction(c -> {
      Sql.exec(c, "UPDATE entities SET claims = ? WHERE id = ?", claimsJson, entityId);
      for (Rows.RtuProof p : rewrittenProofs) {
        Sql.exec(c, "UPDATE rtu_proofs SET entries = ? WHERE id = ?", p.entriesJson(), p.id());
      }
      event(c, released);
      return revokeLive(c, entityId, tokenTnOverlaps, reason, nowMs);
    });
  }

  // --- nonces -----------------------------------------------------------------------------------

  public void insertNonce(String nonce, long expiresAt, long nowSeconds) throws VesperException {
    db.transaction(c -> {
      Sql.exec(c, "DELETE FROM nonces WHERE expires_at <= ?", nowSeconds);
      Sql.exec(c, "INSERT INTO nonces (nonce, expires_at) VALUES (?, ?)", nonce, expiresAt);
      return null;
    });
  }

  // --- issuer keys ------------------------------------------------------------------------------

  /** Makes {@code key} the active key: inserted if new, every other active key retired now. */
  public void activateKey(Rows.IssuerKey key) throws VesperException {
    db.transaction(c -> {
      Sql.exec(c, "INSERT INTO issuer_keys (kid, public_jwk, activated_at, retired_at) VALUES (?, ?, ?, NULL)"
          + " ON CONFLICT (kid) DO UPDATE SET retired_at = NULL", key.kid(), key.publicJwk(), key.activatedAt());
      Sql.exec(c, "UPDATE issuer_keys SET retired_at = ? WHERE kid <> ? AND retired_at IS NULL", key.activatedAt(), key.kid());
      return null;
    });
  }

  /** Keys to publish: the active ones and retired ones that still signed an unexpired token. */
  public List<Rows.IssuerKey> publishedKeys(long nowSeconds) throws VesperException {
    return db.transaction(c -> Sql.list(c, "SELECT kid, public_jwk, activated_at, retired_at FROM issuer_keys k"
            + " WHERE retired_at IS NULL OR EXISTS (SELECT 1 FROM tokens t WHERE t.issuer_kid = k.kid AND t.expires_at > ?)"
            + " ORDER BY activated_at DESC, kid",
        r -> {
          long retired = r.getLong(4);
          return new Rows.IssuerKey(r.getString(1), r.getString(2), r.getLong(3), r.wasNull() ? null : retired);
        }, nowSeconds));
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
   * Nothing is kept when anything fails.
   */
  public List<Rows.Token> insertTokens(String nonce, long nowSeconds, int count, IntUnaryOperator randomIndex, double fillLimit,
      java.util.function.Supplier<Rows.StatusList> newList, TokenSigner signer, java.util.function.Function<Rows.Token, Rows.Event> issued)
      throws VesperException {
    return db.transaction(c -> {
      if (Sql.exec(c, "DELETE FROM nonces WHERE nonce = ? AND expires_at > ?", nonce, nowSeconds) != 1) {
        throw new VesperException(ErrorCode.ISSUANCE_NONCE_INVALID,
            "the proof nonce is unknown, expired or already used; get a fresh one from GET /v1/nonce");
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
                  + " holder_jkt, issuer_kid, tn, issued_at, expires_at) VALUES (?, ?, ?, ?, 'valid', NULL, NULL, ?, ?, ?, ?, ?, ?)"
                  + " ON CONFLICT (list_id, idx) DO NOTHING", t.id(), t.entityId(), list.id(), idx, t.tokenSha256(), t.holderJkt(),
              t.issuerKid(), t.tnJson(), t.issuedAt(), t.expiresAt());
          if (inserted == 1) {
            placed.add(t);
            event(c, issued.apply(t));
            if (log != null) {
              outbox(c, log.issued(t));
            }
            break;
          }
        }
      }
      return placed;
    });
  }

  private Rows.StatusList openList(Connection c, double fillLimit, java.util.function.Supplier<Rows.StatusList> newList)
      throws SQLException {
    Optional<Rows.StatusList> open = Sql.one(c, "SELECT id, size, is_open, created_at FROM status_lists WHERE is_open = 1"
        + " ORDER BY created_at, id", IssuerStore::statusList);
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
    return db.transaction(c -> Sql.one(c, "SELECT id, size, is_open, created_at FROM status_lists WHERE id = ?", IssuerStore::statusList, id));
  }

  /** The non-valid entries of a list: index → status. */
  public List<int[]> nonValidEntries(String listId) throws VesperException {
    return db.transaction(c -> Sql.list(c, "SELECT idx, status FROM tokens WHERE list_id = ? AND status <> 'valid'",
        r -> new int[] {r.getInt(1), "revoked".equals(r.getString(2)) ? 1 : 2}, listId));
  }

  public Optional<Rows.Token> token(String id) throws VesperException {
    return db.transaction(c -> Sql.one(c, TOKEN + " WHERE id = ?", IssuerStore::token, id));
  }

  public List<Rows.Token> tokensOf(String entityId) throws VesperException {
    return db.transaction(c -> Sql.list(c, TOKEN + " WHERE entity_id = ? ORDER BY issued_at, id", IssuerStore::token, entityId));
  }

  /**
   * Moves a token from one of {@code from} to {@code to} with its event; false when its status was not
   * one of {@code from} (a concurrent change, or a transition that does not apply).
   */
  public boolean changeStatus(String tokenId, List<String> from, String to, String reason, long nowSeconds, Rows.Event event)
      throws VesperException {
    return db.transaction(c -> {
      String in = String.join(", ", from.stream().map(s -> "?").toList());
      List<Object> args = new ArrayList<>(List.of(to, reason, nowSeconds, tokenId));
      args.addAll(from);
      int n = Sql.exec(c, "UPDATE tokens SET status = ?, status_reason = ?, status_at = ? WHERE id = ? AND status IN (" + in + ")",
          args.toArray());
      if (n == 1) {
        event(c, event);
        if (log != null) {
          String sha = Sql.one(c, "SELECT token_sha256 FROM tokens WHERE id = ?", r -> r.getString(1), tokenId).orElseThrow();
          outbox(c, log.statusChanged(tokenId, sha, to, reason, event.atMs()));
        }
      }
      return n == 1;
    });
  }

  private List<String> revokeLive(Connection c, String entityId, java.util.function.Predicate<String> tnFilter, String reason,
      long nowMs) throws SQLException {
    long nowSeconds = nowMs / 1000;
    List<String[]> live = Sql.list(c, "SELECT id, tn, token_sha256 FROM tokens WHERE entity_id = ? AND status <> 'revoked' AND expires_at > ?",
        r -> new String[] {r.getString(1), r.getString(2), r.getString(3)}, entityId, nowSeconds);
    List<String> revoked = new ArrayList<>();
    for (String[] t : live) {
      if (tnFilter == null || tnFilter.test(t[1])) {
        Sql.exec(c, "UPDATE tokens SET status = 'revoked', status_reason = ?, status_at = ? WHERE id = ?", reason, nowSeconds, t[0]);
        event(c, new Rows.Event(dev.vesper.server.store.Ids.newId("ev"), nowMs + 1, entityId, t[0], "token_revoked",
            Json.write(java.util.Map.of("reason", reason))));
        if (log != null) {
          outbox(c, log.statusChanged(t[0], t[2], "revoked", reason, nowMs));
        }
        revoked.add(t[0]);
      }
    }
    return revoked;
  }

  // --- log outbox -------------------------------------------------------------------------------

  private static final String OUTBOX = "SELECT id, token_id, kind, entry, created_at_ms, attempts, next_attempt_ms, last_error,"
      + " log_index, receipt, sent_at_ms FROM log_outbox";

  private static void outbox(Connection c, Rows.Outbox o) throws SQLException {
    Sql.exec(c, "INSERT INTO log_outbox (id, token_id, kind, entry, created_at_ms, attempts, next_attempt_ms, last_error, log_index,"
        + " receipt, sent_at_ms) VALUES (?, ?, ?, ?, ?, 0, ?, NULL, NULL, NULL, NULL)", o.id(), o.tokenId(), o.kind(), o.entryBase64(),
        o.createdAtMs(), o.createdAtMs());
  }

  /** Entries due for (re)sending, oldest first. */
  public List<Rows.Outbox> duePending(long nowMs, int limit) throws VesperException {
    return db.transaction(c -> Sql.list(c, OUTBOX + " WHERE sent_at_ms IS NULL AND next_attempt_ms <= ? ORDER BY created_at_ms, id LIMIT "
        + Math.max(1, Math.min(limit, 500)), IssuerStore::outboxRow, nowMs));
  }

  public long pendingCount() throws VesperException {
    return db.transaction(c -> Sql.one(c, "SELECT COUNT(*) FROM log_outbox WHERE sent_at_ms IS NULL", r -> r.getLong(1)).orElse(0L));
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
    return db.transaction(c -> Sql.one(c, OUTBOX + " WHERE token_id = ? AND kind = 'token_issued'", IssuerStore::outboxRow, tokenId));
  }

  private static Rows.Outbox outboxRow(ResultSet r) throws SQLException {
    long index = r.getLong(9);
    Long logIndex = r.wasNull() ? null : index;
    long sent = r.getLong(11);
    Long sentAt = r.wasNull() ? null : sent;
    return new Rows.Outbox(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getLong(5), r.getInt(6), r.getLong(7),
        r.getString(8), logIndex, r.getString(10), sentAt);
  }

  // --- events -----------------------------------------------------------------------------------

  public void appendEvent(Rows.Event e) throws VesperException {
    db.transaction(c -> {
      event(c, e);
      return null;
    });
  }

  public List<Rows.Event> events(String entityId, int limit) throws VesperException {
    return db.transaction(c -> Sql.list(c, "SELECT id, at_ms, entity_id, token_id, kind, detail FROM events WHERE entity_id = ?"
            + " ORDER BY at_ms, id LIMIT " + Math.max(1, Math.min(limit, 1000)),
        r -> new Rows.Event(r.getString(1), r.getLong(2), r.getString(3), r.getString(4), r.getString(5), r.getString(6)), entityId));
  }

  /**
   * Appends an event; its time is pushed past the entity's latest event, so that events made within
   * one millisecond (or by a clock that went back) keep the order they happened in.
   */
  private static void event(Connection c, Rows.Event e) throws SQLException {
    Sql.exec(c, "INSERT INTO events (id, at_ms, entity_id, token_id, kind, detail)"
            + " SELECT CAST(? AS VARCHAR(40)), CASE WHEN MAX(at_ms) >= CAST(? AS BIGINT) THEN MAX(at_ms) + 1 ELSE CAST(? AS BIGINT) END,"
            + " CAST(? AS VARCHAR(40)), CAST(? AS VARCHAR(40)), CAST(? AS VARCHAR(32)), CAST(? AS TEXT) FROM events WHERE entity_id = ?",
        e.id(), e.atMs(), e.atMs(), e.entityId(), e.tokenId(), e.kind(), e.detailJson(), e.entityId());
  }

  // --- row readers ------------------------------------------------------------------------------

  private static Rows.Entity entity(ResultSet r) throws SQLException {
    long verified = r.getLong(5);
    Long verifiedAt = r.wasNull() ? null : verified;
    return new Rows.Entity(r.getString(1), r.getString(2), r.getString(3), r.getString(4), verifiedAt, r.getLong(6));
  }

  private static Rows.Decision decision(ResultSet r) throws SQLException {
    List<String> attributes = new ArrayList<>();
    try {
      for (Object o : (List<?>) Json.parse(r.getString(8).getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
        attributes.add((String) o);
      }
    } catch (VesperException | ClassCastException e) {
      throw new SQLException("a stored decision is corrupt", e);
    }
    return new Rows.Decision(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5), r.getString(6),
        r.getString(7), attributes, r.getString(9), r.getLong(10));
  }

  private static Rows.Token token(ResultSet r) throws SQLException {
    long at = r.getLong(7);
    Long statusAt = r.wasNull() ? null : at;
    return new Rows.Token(r.getString(1), r.getString(2), r.getString(3), r.getInt(4), r.getString(5), r.getString(6), statusAt,
        r.getString(8), r.getString(9), r.getString(10), r.getString(11), r.getLong(12), r.getLong(13));
  }

  private static Rows.StatusList statusList(ResultSet r) throws SQLException {
    return new Rows.StatusList(r.getString(1), r.getInt(2), r.getInt(3) == 1, r.getLong(4));
  }
}
