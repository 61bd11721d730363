package dev.vesper.holder.store;

import dev.vesper.core.error.VesperException;
import dev.vesper.core.json.Json;
import dev.vesper.server.store.Database;
import dev.vesper.server.store.Sql;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The holder service's only SQL: one method per query, every statement parameterised, every read scoped
 * by the tenant where the caller is a tenant. Each call is its own transaction unless noted.
 */
public final class HolderStore {
  private final Database db;

  public HolderStore(Database db) {
    this.db = db;
  }

  public boolean ping() {
    return db.ping();
  }

  // --- tenants --------------------------------------------------------------------------------

  public void insertTenant(Rows.Tenant t, String apiKeyHash) throws VesperException {
    update("INSERT INTO tenants (id, name, api_key_hash, dek_wrapped, kek_id, created_at) VALUES (?, ?, ?, ?, ?, ?)",
        t.id(), t.name(), apiKeyHash, t.dekWrapped(), t.kekId(), t.createdAt());
  }

  public Optional<Rows.Tenant> tenantByKeyHash(String apiKeyHash) throws VesperException {
    return one("SELECT id, name, dek_wrapped, kek_id, created_at FROM tenants WHERE api_key_hash = ?", HolderStore::tenant, apiKeyHash);
  }

  public Optional<Rows.Tenant> tenant(String id) throws VesperException {
    return one("SELECT id, name, dek_wrapped, kek_id, created_at FROM tenants WHERE id = ?", HolderStore::tenant, id);
  }

  public List<Rows.Tenant> tenants() throws VesperException {
    return list("SELECT id, name, dek_wrapped, kek_id, created_at FROM tenants ORDER BY id", HolderStore::tenant);
  }

  public void rewrapTenantKey(String id, String dekWrapped, String kekId) throws VesperException {
    update("UPDATE tenants SET dek_wrapped = ?, kek_id = ? WHERE id = ?", dekWrapped, kekId, id);
  }

  private static Rows.Tenant tenant(ResultSet r) throws SQLException {
    return new Rows.Tenant(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getLong(5));
  }

  // --- holder keys ----------------------------------------------------------------------------

  public void insertKey(Rows.HolderKey k) throws VesperException {
    update("INSERT INTO holder_keys (id, tenant_id, public_jwk, private_sealed, created_at) VALUES (?, ?, ?, ?, ?)",
        k.id(), k.tenantId(), k.publicJwk(), k.privateSealed(), k.createdAt());
  }

  public Optional<Rows.HolderKey> key(String tenantId, String id) throws VesperException {
    return one("SELECT id, tenant_id, public_jwk, private_sealed, created_at FROM holder_keys WHERE tenant_id = ? AND id = ?",
        HolderStore::key, tenantId, id);
  }

  /** A key by id, whatever its tenant: only for presenting under a grant, never returned to a caller. */
  public Optional<Rows.HolderKey> keyById(String id) throws VesperException {
    return one("SELECT id, tenant_id, public_jwk, private_sealed, created_at FROM holder_keys WHERE id = ?", HolderStore::key, id);
  }

  public List<Rows.HolderKey> keysOf(String tenantId) throws VesperException {
    return list("SELECT id, tenant_id, public_jwk, private_sealed, created_at FROM holder_keys WHERE tenant_id = ? ORDER BY created_at, id",
        HolderStore::key, tenantId);
  }

  private static Rows.HolderKey key(ResultSet r) throws SQLException {
    return new Rows.HolderKey(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getLong(5));
  }

  // --- tokens ---------------------------------------------------------------------------------

  private static final String TOKEN_COLUMNS =
      "id, tenant_id, key_id, issuer, issued_at, expires_at, token_sealed, policy, version, created_at, issuance_receipt, pool_id";

  /** What {@link #insertToken} did. */
  public enum TokenInsert { INSERTED, DUPLICATE, LIMIT_REACHED }

  /**
   * Inserts {@code t} with its {@code digest} unless the tenant already holds a token of that digest or
   * holds {@code maxPerTenant} tokens; one transaction (the unique index settles a concurrent duplicate).
   */
  public TokenInsert insertToken(Rows.Token t, String digest, int maxPerTenant) throws VesperException {
    return db.transaction(c -> {
      if (Sql.one(c, "SELECT id FROM tokens WHERE tenant_id = ? AND token_digest = ?", r -> r.getString(1), t.tenantId(), digest).isPresent()) {
        return TokenInsert.DUPLICATE;
      }
      long held = Sql.one(c, "SELECT COUNT(*) FROM tokens WHERE tenant_id = ?", r -> r.getLong(1), t.tenantId()).orElse(0L);
      if (held >= maxPerTenant) {
        return TokenInsert.LIMIT_REACHED;
      }
      exec(c, "INSERT INTO tokens (" + TOKEN_COLUMNS + ", token_digest) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          t.id(), t.tenantId(), t.keyId(), t.issuer(), t.issuedAt(), t.expiresAt(), t.tokenSealed(), t.policy(), t.version(), t.createdAt(),
          t.issuanceReceipt(), t.poolId(), digest);
      return TokenInsert.INSERTED;
    });
  }

  public Optional<Rows.Token> token(String tenantId, String id) throws VesperException {
    return one("SELECT " + TOKEN_COLUMNS + " FROM tokens WHERE tenant_id = ? AND id = ?", HolderStore::token, tenantId, id);
  }

  public List<Rows.Token> tokensOf(String tenantId) throws VesperException {
    return list("SELECT " + TOKEN_COLUMNS + " FROM tokens WHERE tenant_id = ? ORDER BY created_at, id", HolderStore::token, tenantId);
  }

  /** What the call path needs of each of a tenant's tokens, without their sealed bodies. */
  public List<Rows.TokenState> tokenStates(String tenantId) throws VesperException {
    return list("SELECT id, version, pool_id, expires_at, shown_to FROM tokens WHERE tenant_id = ?",
        r -> new Rows.TokenState(r.getString(1), r.getLong(2), r.getString(3), r.getLong(4), r.getString(5)), tenantId);
  }

  public Optional<Long> tokenVersion(String tenantId, String id) throws VesperException {
    return one("SELECT version FROM tokens WHERE tenant_id = ? AND id = ?", r -> r.getLong(1), tenantId, id);
  }

  /**
   * Records that the token is shown to the audience whose tag is {@code tag}, if the rotation allows it:
   * {@code exclusive} (per call) only while it was never shown; otherwise (per audience) while never
   * shown or already shown to that audience. Conditional, so two instances never give one token to two
   * audiences. True when recorded.
   */
  public boolean claim(String tenantId, String id, String tag, boolean exclusive, long atMs) throws VesperException {
    String condition = exclusive ? "shown_to IS NULL" : "(shown_to IS NULL OR shown_to = ?)";
    Object[] args = exclusive ? new Object[] {tag, atMs, tenantId, id} : new Object[] {tag, atMs, tenantId, id, tag};
    return update("UPDATE tokens SET shown_to = ?, shown_at = ? WHERE tenant_id = ? AND id = ? AND " + condition, args) == 1;
  }

  /** Records that a token of a fixed pool is shown to any number of audiences. */
  public void markShownToSeveral(String tenantId, String id, long atMs) throws VesperException {
    update("UPDATE tokens SET shown_to = '*', shown_at = ? WHERE tenant_id = ? AND id = ?", atMs, tenantId, id);
  }

  public boolean deleteToken(String tenantId, String id) throws VesperException {
    return update("DELETE FROM tokens WHERE tenant_id = ? AND id = ?", tenantId, id) == 1;
  }

  private static Rows.Token token(ResultSet r) throws SQLException {
    return new Rows.Token(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getLong(5), r.getLong(6),
        r.getString(7), r.getString(8), r.getLong(9), r.getLong(10), r.getString(11), r.getString(12));
  }

  // --- grants ---------------------------------------------------------------------------------

  private static final String GRANT_COLUMNS =
      "id, owner_tenant, grantee_tenant, token_id, numbers_sealed, claims, expires_at, revoked_at, created_at, pool_id";

  public void insertGrant(Rows.Grant g) throws VesperException {
    update("INSERT INTO grants (" + GRANT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        g.id(), g.ownerTenant(), g.granteeTenant(), g.tokenId(), g.numbersSealed(), Json.write(g.claims()), g.expiresAt(), g.revokedAt(),
        g.createdAt(), g.poolId());
  }

  /** Grants the tenant gave or received. */
  public List<Rows.Grant> grantsOf(String tenantId) throws VesperException {
    return list("SELECT " + GRANT_COLUMNS + " FROM grants WHERE owner_tenant = ? OR grantee_tenant = ? ORDER BY created_at, id",
        HolderStore::grant, tenantId, tenantId);
  }

  /** Grants the tenant received that are neither revoked nor expired at {@code now}. */
  public List<Rows.Grant> activeGrantsTo(String granteeTenant, long now) throws VesperException {
    return list("SELECT " + GRANT_COLUMNS + " FROM grants WHERE grantee_tenant = ? AND revoked_at IS NULL AND expires_at > ?",
        HolderStore::grant, granteeTenant, now);
  }

  public boolean revokeGrant(String ownerTenant, String id, long at) throws VesperException {
    return update("UPDATE grants SET revoked_at = ? WHERE owner_tenant = ? AND id = ? AND revoked_at IS NULL", at, ownerTenant, id) == 1;
  }

  public Optional<Rows.Grant> grantOwnedBy(String ownerTenant, String id) throws VesperException {
    return one("SELECT " + GRANT_COLUMNS + " FROM grants WHERE owner_tenant = ? AND id = ?", HolderStore::grant, ownerTenant, id);
  }

  private static Rows.Grant grant(ResultSet r) throws SQLException {
    long revoked = r.getLong(8);
    Long revokedAt = r.wasNull() ? null : revoked;
    return new Rows.Grant(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
        stringList(r.getString(6)), r.getLong(7), revokedAt, r.getLong(9), r.getString(10));
  }

  // --- audit ----------------------------------------------------------------------------------

  private static final String AUDIT_COLUMNS = "id, owner_tenant, actor_tenant, grant_id, token_id, claim_paths, audience_tag, audience_sealed,"
      + " actor_audience_tag, actor_audience_sealed, at_ms";

  /** Inserts audit entries in one transaction (group commit: one WAL sync for many presentations). */
  public void insertAudits(List<Rows.Audit> entries) throws VesperException {
    List<Object[]> rows = new ArrayList<>(entries.size());
    for (Rows.Audit a : entries) {
      rows.add(new Object[] {a.id(), a.ownerTenant(), a.actorTenant(), a.grantId(), a.tokenId(), Json.write(a.claimPaths()), a.audienceTag(),
          a.audienceSealed(), a.actorAudienceTag(), a.actorAudienceSealed(), a.atMs()});
    }
    db.transaction(c -> {
      Sql.batch(c, "INSERT INTO audit (" + AUDIT_COLUMNS + ", audience) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '')", rows);
      return null;
    });
  }

  /**
   * A page of the audit entries the tenant owns or made, oldest first, after the cursor (at_ms, id);
   * with {@code audienceTag}, only those whose audience has that tag under the tenant's own key.
   */
  public List<Rows.Audit> auditOf(String tenantId, long afterMs, String afterId, int limit, String audienceTag) throws VesperException {
    String who = audienceTag == null ? "(owner_tenant = ? OR actor_tenant = ?)"
        : "((owner_tenant = ? AND audience_tag = ?) OR (actor_tenant = ? AND actor_audience_tag = ?))";
    Object[] whoArgs = audienceTag == null ? new Object[] {tenantId, tenantId} : new Object[] {tenantId, audienceTag, tenantId, audienceTag};
    Object[] args = new Object[whoArgs.length + 3];
    System.arraycopy(whoArgs, 0, args, 0, whoArgs.length);
    args[whoArgs.length] = afterMs;
    args[whoArgs.length + 1] = afterMs;
    args[whoArgs.length + 2] = afterId;
    return list("SELECT " + AUDIT_COLUMNS + " FROM audit WHERE " + who + " AND (at_ms > ? OR (at_ms = ? AND id > ?))"
            + " ORDER BY at_ms, id LIMIT " + Math.max(1, Math.min(limit, 500)), HolderStore::audit, args);
  }

  private static Rows.Audit audit(ResultSet r) throws SQLException {
    return new Rows.Audit(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5), stringList(r.getString(6)),
        r.getString(7), r.getString(8), r.getString(9), r.getString(10), r.getLong(11));
  }

  /** Up to {@code limit} audit entries written before audiences were sealed: id, owner, actor, the clear audience. */
  public List<String[]> legacyAudits(int limit) throws VesperException {
    return list("SELECT id, owner_tenant, actor_tenant, audience FROM audit WHERE audience <> '' LIMIT " + limit,
        r -> new String[] {r.getString(1), r.getString(2), r.getString(3), r.getString(4)});
  }

  /** Replaces a legacy entry's clear audience by its tags and sealed copies. */
  public void sealLegacyAudit(Rows.Audit a) throws VesperException {
    update("UPDATE audit SET audience = '', audience_tag = ?, audience_sealed = ?, actor_audience_tag = ?, actor_audience_sealed = ? WHERE id = ?",
        a.audienceTag(), a.audienceSealed(), a.actorAudienceTag(), a.actorAudienceSealed(), a.id());
  }

  // --- plumbing -------------------------------------------------------------------------------

  @FunctionalInterface
  private interface RowReader<T> {
    T read(ResultSet r) throws SQLException;
  }

  private int update(String sql, Object... args) throws VesperException {
    return db.transaction(c -> exec(c, sql, args));
  }

  private static int exec(Connection c, String sql, Object... args) throws SQLException {
    return Sql.exec(c, sql, args);
  }

  private <T> Optional<T> one(String sql, RowReader<T> reader, Object... args) throws VesperException {
    List<T> rows = list(sql, reader, args);
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
  }

  private <T> List<T> list(String sql, RowReader<T> reader, Object... args) throws VesperException {
    return db.transaction(c -> Sql.list(c, sql, reader::read, args));
  }

  private static List<String> stringList(String json) throws SQLException {
    try {
      Object v = Json.parse(json.getBytes(StandardCharsets.UTF_8));
      List<String> out = new ArrayList<>();
      for (Object e : (List<?>) v) {
        out.add((String) e);
      }
      return out;
    } catch (VesperException | ClassCastException e) {
      throw new SQLException("a stored JSON list is corrupt", e);
    }
  }
}
