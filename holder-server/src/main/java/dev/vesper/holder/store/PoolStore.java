package dev.vesper.holder.store;

import dev.vesper.core.error.VesperException;
import dev.vesper.server.store.Database;
import dev.vesper.server.store.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * The SQL of token pools (docs/holder.md, "Token pools"): pools, their settings and refill grants, the
 * counts the refill needs, and pruning of spent and expired tokens. Every statement parameterised; reads
 * a tenant makes are scoped by its id.
 */
public final class PoolStore {
  private static final String POOL = "SELECT id, tenant_id, issuer, identity_tag, numbers_sealed, rotation, policy, low_water, target,"
      + " refill_sealed, refill_state, version, created_at FROM pools";

  private final Database db;

  public PoolStore(Database db) {
    this.db = db;
  }

  /** Inserts {@code p} unless the tenant has a pool of the same identity; returns the pool of that identity. */
  public Rows.Pool insertIfAbsent(Rows.Pool p) throws VesperException {
    return db.transaction(c -> {
      Sql.exec(c, "INSERT INTO pools (id, tenant_id, issuer, identity_tag, numbers_sealed, rotation, policy, low_water, target, refill_sealed,"
          + " refill_state, refill_lease, version, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, NULL, 1, ?)"
          + " ON CONFLICT (tenant_id, identity_tag) DO NOTHING", p.id(), p.tenantId(), p.issuer(), p.identityTag(), p.numbersSealed(),
          p.rotation(), p.policy(), p.lowWater(), p.target(), p.createdAt());
      return Sql.one(c, POOL + " WHERE tenant_id = ? AND identity_tag = ?", PoolStore::pool, p.tenantId(), p.identityTag()).orElseThrow();
    });
  }

  public Optional<Rows.Pool> pool(String tenantId, String id) throws VesperException {
    return db.transaction(c -> Sql.one(c, POOL + " WHERE tenant_id = ? AND id = ?", PoolStore::pool, tenantId, id));
  }

  public List<Rows.Pool> poolsOf(String tenantId) throws VesperException {
    return db.transaction(c -> Sql.list(c, POOL + " WHERE tenant_id = ? ORDER BY created_at, id", PoolStore::pool, tenantId));
  }

  /** Rotation and refill settings; the pool's version moves. False when the tenant has no such pool. */
  public boolean updateSettings(String tenantId, String id, String rotation, int lowWater, int target) throws VesperException {
    return db.transaction(c -> Sql.exec(c, "UPDATE pools SET rotation = ?, low_water = ?, target = ?, version = version + 1"
        + " WHERE tenant_id = ? AND id = ?", rotation, lowWater, target, tenantId, id) == 1);
  }

  /** The pool's disclosure policy; every token of the pool moves to a new version, so caches drop their copy. */
  public boolean updatePolicy(String tenantId, String id, String policy) throws VesperException {
    return db.transaction(c -> {
      if (Sql.exec(c, "UPDATE pools SET policy = ?, version = version + 1 WHERE tenant_id = ? AND id = ?", policy, tenantId, id) != 1) {
        return false;
      }
      Sql.exec(c, "UPDATE tokens SET version = version + 1 WHERE tenant_id = ? AND pool_id = ?", tenantId, id);
      return true;
    });
  }

  public void setRefill(String tenantId, String id, String refillSealed) throws VesperException {
    db.transaction(c -> Sql.exec(c, "UPDATE pools SET refill_sealed = ?, refill_state = NULL, version = version + 1"
        + " WHERE tenant_id = ? AND id = ?", refillSealed, tenantId, id));
  }

  /** Takes the pool's refill lease until {@code untilMs} unless another instance holds it; true when taken. */
  public boolean leaseRefill(String id, long nowMs, long untilMs) throws VesperException {
    return db.transaction(c -> Sql.exec(c, "UPDATE pools SET refill_lease = ? WHERE id = ? AND refill_sealed IS NOT NULL"
        + " AND (refill_lease IS NULL OR refill_lease < ?)", untilMs, id, nowMs) == 1);
  }

  /** Ends a refill: records its outcome (at most 300 characters) and releases the lease. */
  public void finishRefill(String id, String state) throws VesperException {
    String clipped = state.length() > 300 ? state.substring(0, 300) : state;
    db.transaction(c -> Sql.exec(c, "UPDATE pools SET refill_state = ?, refill_lease = NULL WHERE id = ?", clipped, id));
  }

  /** A pool and how many of its tokens could still go to a new audience (never shown, or any live one when fixed). */
  public record Stock(String poolId, String tenantId, int lowWater, int target, int available) {}

  /** The stock of every pool that has a refill grant, counting tokens live beyond {@code liveUntil} (epoch seconds). */
  public List<Stock> refillableStock(long liveUntil) throws VesperException {
    return db.transaction(c -> Sql.list(c, "SELECT p.id, p.tenant_id, p.low_water, p.target, (SELECT COUNT(*) FROM tokens t"
        + " WHERE t.pool_id = p.id AND t.expires_at > ? AND (t.shown_to IS NULL OR p.rotation = 'fixed'))"
        + " FROM pools p WHERE p.refill_sealed IS NOT NULL",
        r -> new Stock(r.getString(1), r.getString(2), r.getInt(3), r.getInt(4), r.getInt(5)), liveUntil));
  }

  /** The stock of one pool (see {@link #refillableStock}). */
  public Optional<Stock> stock(String tenantId, String id, long liveUntil) throws VesperException {
    return db.transaction(c -> Sql.one(c, "SELECT p.id, p.tenant_id, p.low_water, p.target, (SELECT COUNT(*) FROM tokens t"
        + " WHERE t.pool_id = p.id AND t.expires_at > ? AND (t.shown_to IS NULL OR p.rotation = 'fixed'))"
        + " FROM pools p WHERE p.tenant_id = ? AND p.id = ?",
        r -> new Stock(r.getString(1), r.getString(2), r.getInt(3), r.getInt(4), r.getInt(5)), liveUntil, tenantId, id));
  }

  /**
   * Deletes tokens that can never be shown again — expired before {@code expiredBefore} (epoch seconds),
   * or spent under per-call rotation before {@code spentBeforeMs} — and their software holder keys (a
   * key held in an HSM is only a reference here and stays). Returns how many tokens.
   */
  public int prune(long expiredBefore, long spentBeforeMs) throws VesperException {
    String dead = " FROM tokens WHERE expires_at < ? OR (shown_at < ? AND shown_to IS NOT NULL"
        + " AND pool_id IN (SELECT id FROM pools WHERE rotation = 'per_call'))";
    return db.transaction(c -> {
      List<String> keys = Sql.list(c, "SELECT key_id" + dead, r -> r.getString(1), expiredBefore, spentBeforeMs);
      int n = Sql.exec(c, "DELETE" + dead, expiredBefore, spentBeforeMs);
      for (String key : keys) {
        Sql.exec(c, "DELETE FROM holder_keys WHERE id = ? AND private_sealed NOT LIKE 'pkcs11:%'"
            + " AND NOT EXISTS (SELECT 1 FROM tokens WHERE key_id = ?)", key, key);
      }
      return n;
    });
  }

  /** Deletes the pool, its tokens and the grants on it, in one transaction; false when the tenant has no such pool. */
  public boolean delete(String tenantId, String id) throws VesperException {
    return db.transaction(c -> {
      Sql.exec(c, "DELETE FROM grants WHERE owner_tenant = ? AND pool_id = ?", tenantId, id);
      Sql.exec(c, "DELETE FROM tokens WHERE tenant_id = ? AND pool_id = ?", tenantId, id);
      return Sql.exec(c, "DELETE FROM pools WHERE tenant_id = ? AND id = ?", tenantId, id) == 1;
    });
  }

  private static Rows.Pool pool(ResultSet r) throws SQLException {
    return new Rows.Pool(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5), r.getString(6), r.getString(7),
        r.getInt(8), r.getInt(9), r.getString(10), r.getString(11), r.getLong(12), r.getLong(13));
  }
}
