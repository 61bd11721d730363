package dev.vesper.holder.store;

import java.util.List;

/** The rows of the holder store, as plain records; sealed columns stay sealed here. */
public final class Rows {
  private Rows() {}

  public record Tenant(String id, String name, String dekWrapped, String kekId, long createdAt) {}

  public record HolderKey(String id, String tenantId, String publicJwk, String privateSealed, long createdAt) {}

  public record Token(
      String id, String tenantId, String keyId, String issuer, long issuedAt, long expiresAt,
      String tokenSealed, String policy, long version, long createdAt, String issuanceReceipt) {}

  public record Grant(
      String id, String ownerTenant, String granteeTenant, String tokenId, String numbersSealed,
      List<String> claims, long expiresAt, Long revokedAt, long createdAt) {}

  public record Audit(
      String id, String ownerTenant, String actorTenant, String grantId, String tokenId,
      List<String> claimPaths, String audience, long atMs) {}
}
