package dev.vesper.holder.service;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.holder.store.HolderStore;
import dev.vesper.holder.store.Rows;
import java.util.ArrayList;
import java.util.List;

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
   * An audit entry as its reader sees it: who acted for whom, under which grant (or null), which token,
   * which claim paths, and the audience in clear, unsealed with the reader's data key.
   */
  public record Entry(String id, long atMs, String ownerTenant, String actorTenant, String grantId, String tokenId,
      List<String> claimPaths, String audience) {}

  /** A page of entries, oldest first, and the cursor of the next page (null after the last). */
  public record Page(List<Entry> entries, String next) {}

  /**
   * A page of the caller's entries; {@code cursor} null starts at the beginning;
   * {@code audience} not null keeps only the entries for that audience (exactly as presented, e.g.
   * {@code tel:+13035550199}).
   */
  public Page page(Caller caller, String cursor, int limit, String audience) throws VesperException {
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
    List<Entry> entries = new ArrayList<>();
    for (Rows.Audit a : rows) {
      entries.add(new Entry(a.id(), a.atMs(), a.ownerTenant(), a.actorTenant(), a.grantId(), a.tokenId(), a.claimPaths(),
          AuditEntries.audience(tenants, a, caller.tenantId())));
    }
    Rows.Audit last = rows.isEmpty() ? null : rows.get(rows.size() - 1);
    return new Page(entries, rows.size() == limit && last != null ? last.atMs() + ":" + last.id() : null);
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
