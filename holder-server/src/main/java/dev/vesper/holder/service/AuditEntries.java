package dev.vesper.holder.service;

import dev.vesper.core.error.VesperException;
import dev.vesper.holder.store.Rows;
import dev.vesper.server.store.Ids;
import dev.vesper.server.store.SealedBox;
import java.util.List;

/**
 * Audit entries as they are stored (docs/holder.md, "Audit"): the audience — for a call, the callee's
 * number — is never in clear. It is sealed under the owner's data key and tagged with the owner's keyed
 * hash, and again under the actor's when a grantee acted, so each can read and search its own entries
 * and a stolen database shows neither the callees nor, without the data keys, a way to test a guess.
 */
final class AuditEntries {
  static final String AUDIT_TABLE = "audit";

  private AuditEntries() {}

  static Rows.Audit of(Tenants tenants, String ownerTenant, String actorTenant, String grantId, String tokenId, List<String> claimPaths,
      String audience, long atMs) throws VesperException {
    return sealed(tenants, Ids.newId("aud"), ownerTenant, actorTenant, grantId, tokenId, claimPaths, audience, atMs);
  }

  static Rows.Audit sealed(Tenants tenants, String id, String ownerTenant, String actorTenant, String grantId, String tokenId,
      List<String> claimPaths, String audience, long atMs) throws VesperException {
    SealedBox owner = tenants.box(ownerTenant);
    SealedBox actor = actorTenant.equals(ownerTenant) ? owner : tenants.box(actorTenant);
    return new Rows.Audit(id, ownerTenant, actorTenant, grantId, tokenId, claimPaths,
        owner.tag(PoolSelector.AUDIENCE, audience), owner.seal(AUDIT_TABLE, id + "|owner", audience),
        actor.tag(PoolSelector.AUDIENCE, audience), actor.seal(AUDIT_TABLE, id + "|actor", audience), atMs);
  }

  /** The audience of {@code a} as {@code tenantId} may read it (its owner's or its actor's copy). */
  static String audience(Tenants tenants, Rows.Audit a, String tenantId) throws VesperException {
    boolean asOwner = a.ownerTenant().equals(tenantId);
    String sealed = asOwner ? a.audienceSealed() : a.actorAudienceSealed();
    return tenants.box(tenantId).openText(AUDIT_TABLE, a.id() + (asOwner ? "|owner" : "|actor"), sealed);
  }
}
