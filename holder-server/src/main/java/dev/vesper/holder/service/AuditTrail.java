package dev.vesper.holder.service;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.holder.store.HolderStore;
import dev.vesper.holder.store.Rows;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The audit log of presentations, paged oldest first with an opaque cursor. */
public final class AuditTrail {
  private final HolderStore store;

  public AuditTrail(HolderStore store) {
    this.store = store;
  }

  /** {@code {"entries": [...], "next": "<cursor>"|null}}; {@code cursor} null starts at the beginning. */
  public Map<String, Object> page(Caller caller, String cursor, int limit) throws VesperException {
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
    List<Rows.Audit> rows = store.auditOf(caller.tenantId(), afterMs, afterId, limit);
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
      e.put("audience", a.audience());
      entries.add(e);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("entries", entries);
    Rows.Audit last = rows.isEmpty() ? null : rows.get(rows.size() - 1);
    out.put("next", rows.size() == limit && last != null ? last.atMs() + ":" + last.id() : null);
    return out;
  }
}
