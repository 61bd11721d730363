package dev.vesper.issuer.store;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.json.Json;
import dev.vesper.core.log.entry.Reason;
import dev.vesper.server.store.Database;
import dev.vesper.server.store.Sql;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The issuer service's SQL for entities, vetting, right-to-use, nonces, keys and events ({@link TokenStore}
 * has tokens, status lists and the log outbox): one method per query or per atomic change, every
 * statement parameterised. Methods that change several tables run in one transaction and append their
 * events (and log entries) in it, so neither the audit nor the log ever disagrees with the state.
 */
public final class IssuerStore {
  private static final String ENTITY = "SELECT id, claims, kyc_state, state_reason, verified_at, created_at, listed, account_key FROM entities";
  private static final String DECISION =
      "SELECT id, entity_id, source, decision, provider, method, level, attributes, reason, decided_at FROM kyc_decisions";

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
      Writes.event(c, created);
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
      Long verifiedAt, Reason revokeReason, long nowMs, List<Rows.Event> events) throws VesperException {
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
        Writes.event(c, e);
      }
      return revokeReason == null ? List.<String>of() : Writes.revokeLive(c, log, entityId, null, revokeReason, nowMs);
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
      Writes.event(c, validated);
      if (claimsJson != null) {
        Sql.exec(c, "UPDATE entities SET claims = ?, kyc_state = ? WHERE id = ?", claimsJson, state, p.entityId());
        Writes.event(c, claimed);
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
  public List<String> release(String entityId, String claimsJson, String listedJson, String releasedListedJson,
      List<Rows.RtuProof> rewrittenProofs, Predicate<String> tokenTnOverlaps, Reason reason, long nowMs,
      Rows.Event released) throws VesperException {
    return db.transaction(c -> {
      Sql.exec(c, "UPDATE entities SET claims = ?, listed = ? WHERE id = ?", claimsJson, listedJson, entityId);
      if (log != null && releasedListedJson != null) {
        for (Rows.Token t : Sql.list(c, TokenStore.TOKEN + " WHERE entity_id = ? AND listed IS NOT NULL AND expires_at > ?",
            TokenStore::token, entityId, nowMs / 1000)) {
          for (Rows.Outbox o : log.released(t, releasedListedJson, reason, nowMs)) {
            Writes.outbox(c, o);
          }
        }
      }
      for (Rows.RtuProof p : rewrittenProofs) {
        Sql.exec(c, "UPDATE rtu_proofs SET entries = ? WHERE id = ?", p.entriesJson(), p.id());
      }
      Writes.event(c, released);
      return Writes.revokeLive(c, log, entityId, tokenTnOverlaps, reason, nowMs);
    });
  }

  /** Sets the numbers the entity lists publicly (a JSON array of canonical entries), with its event. */
  public void setListed(String entityId, String listedJson, Rows.Event event) throws VesperException {
    db.transaction(c -> {
      Sql.exec(c, "UPDATE entities SET listed = ? WHERE id = ?", listedJson, entityId);
      Writes.event(c, event);
      return null;
    });
  }

  /** Registers (or replaces) the entity's ACME account key, a public JWK, with its event. */
  public void setAccountKey(String entityId, String publicJwkJson, Rows.Event event) throws VesperException {
    db.transaction(c -> {
      Sql.exec(c, "UPDATE entities SET account_key = ? WHERE id = ?", publicJwkJson, entityId);
      Writes.event(c, event);
      return null;
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
            + " ORDER BY CASE WHEN retired_at IS NULL THEN 0 ELSE 1 END, activated_at DESC, kid",
        r -> {
          long retired = r.getLong(4);
          return new Rows.IssuerKey(r.getString(1), r.getString(2), r.getLong(3), r.wasNull() ? null : retired);
        }, nowSeconds));
  }

  // --- events -----------------------------------------------------------------------------------

  public List<Rows.Event> events(String entityId, int limit) throws VesperException {
    return db.transaction(c -> Sql.list(c, "SELECT id, at_ms, entity_id, token_id, kind, detail FROM events WHERE entity_id = ?"
            + " ORDER BY at_ms, id LIMIT " + Math.max(1, Math.min(limit, 1000)),
        r -> new Rows.Event(r.getString(1), r.getLong(2), r.getString(3), r.getString(4), r.getString(5), r.getString(6)), entityId));
  }

  // --- row readers ------------------------------------------------------------------------------

  private static Rows.Entity entity(ResultSet r) throws SQLException {
    long verified = r.getLong(5);
    Long verifiedAt = r.wasNull() ? null : verified;
    return new Rows.Entity(r.getString(1), r.getString(2), r.getString(3), r.getString(4), verifiedAt, r.getLong(6), r.getString(7), r.getString(8));
  }

  private static Rows.Decision decision(ResultSet r) throws SQLException {
    List<String> attributes = new ArrayList<>();
    try {
      for (Object o : (List<?>) Json.parse(r.getString(8).getBytes(StandardCharsets.UTF_8))) {
        attributes.add((String) o);
      }
    } catch (VesperException | ClassCastException e) {
      throw new SQLException("a stored decision is corrupt", e);
    }
    return new Rows.Decision(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5), r.getString(6),
        r.getString(7), attributes, r.getString(9), r.getLong(10));
  }
}
