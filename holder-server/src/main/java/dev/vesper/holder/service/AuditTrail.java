package dev.vesper.holder.service;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.holder.store.HolderStore;
import dev.vesper.holder.store.Rows;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The audit log of presentations, paged oldest first with an opaque cursor, searchable by audience: the
 * audience is stored sealed and as a keyed tag ({@link AuditEntries}), so a search compares tags.
 */
public final class AuditTrail {
  private final HolderStore store;
  private final Tenants tenants;

  public AuditTrail(HolderStore store, Tenants tenants) {
    this.store = store;
    this.tenants = tenants;
  }

  /**
   * {@code {"entries": [...], "next": "<cursor>"|null}}; {@code cursor} null starts at the beginning;
   * {@code audience} not null keeps only the entries for that audience (exactly as presented, e.g.
   * {@code tel:+13035550199}).
   */
  public Map<String, Object> page(Caller caller, String cursor, int limit, String audience) throws VesperException {
    long afterMs = -1;
    String afterId = "";
    if (cursor != null) {
      int colon = cursor.indexOf(':');
      try {
        afterMs = Long.parseLong(cursor.substring(0, colon));
        afterId = cursor.substring(colon + 1);
      } catch (RuntimeException e) {
        throw new VesperException(ErrorCode.REQUEST_BAD_BODY, "after is not a cursor returned by this endpoint");
      }
    }
    if (limit < 1 || limit > 500) {
      throw new VesperException(ErrorCode.REQUEST_BAD_BODY, "limit must be between 1 and 500");
    }
    if (audience != null && (audience.isEmpty() || audience.length() > 1024)) {
      throw new VesperException(ErrorCode.REQUEST_BAD_BODY, "audience must have 1 to 1024 characters");
    }
    String tag = audience == null ? null : tenants.box(caller.tenantId()).tag(PoolSelector.AUDIENCE, audience);
    List<Rows.Audit> rows = store.auditOf(caller.tenantId(), afterMs, afterId, limit, tag);
    List<Map<String, Object>> entries = new ArrayList<>();
    for (Rows.Audit a : rows) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("id", a.id());
      e.put("at", a.atMs());
      e.put("owner_tenant", a.ownerTenant());
      e.put("actor_tenant", a.actorTenant());
      e.put("grant_id", a.grantId());
      e.put("token_id", a.tokenId());
      e.put("claim_paths", a.claimPaths());
      e.put("audience", AuditEntries.audience(tenants, a, caller.tenantId()));
      entries.add(e);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("entries", entries);
    Rows.Audit last = rows.isEmpty() ? null : rows.get(rows.size() - 1);
    out.put("next", rows.size() == limit && last != null ? last.atMs() + ":" + last.id() : null);
    return out;
  }

  /**
   * Seals the audiences of entries written before audiences were sealed, and empties their clear column;
   * run at start. Returns how many entries it sealed.
   */
  public int sealLegacy() throws VesperException {
    int n = 0;
    while (true) {
      List<String[]> batch = store.legacyAudits(500);
      if (batch.isEmpty()) {
        return n;
      }
      for (String[] row : batch) {
        store.sealLegacyAudit(AuditEntries.sealed(tenants, row[0], row[1], row[2], null, null, List.of(), row[3], 0));
        n++;
      }
    }
  }
}
