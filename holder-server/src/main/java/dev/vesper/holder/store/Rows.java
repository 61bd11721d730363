package dev.vesper.holder.store;

import java.util.List;

/** The rows of the holder store, as plain records; sealed columns stay sealed here. */
public final class Rows {
  private Rows() {}

  public record Tenant(String id, String name, String dekWrapped, String kekId, long createdAt) {}

  public record HolderKey(String id, String tenantId, String publicJwk, String privateSealed, long createdAt) {}

  /**
   * A stored token; {@code policy} is the per-token policy of tokens stored before pools existed (null
   * since: the pool's policy applies), {@code issuanceReceipt} null when none came with it.
   */
  public record Token(
      String id, String tenantId, String keyId, String issuer, long issuedAt, long expiresAt,
      String tokenSealed, String policy, long version, long createdAt, String issuanceReceipt, String poolId) {
    /** A token just imported into {@code poolId}: no token policy of its own, version 1. */
    public static Token imported(String id, String tenantId, String keyId, String issuer, long issuedAt, long expiresAt,
        String tokenSealed, long createdAt, String issuanceReceipt, String poolId) {
      return new Token(id, tenantId, keyId, issuer, issuedAt, expiresAt, tokenSealed, null, 1, createdAt, issuanceReceipt, poolId);
    }
  }

  /**
   * What the call path needs of a token without unsealing it: its pool, validity, and the keyed tag of
   * the one audience it was shown to ({@code null} never shown, {@code "*"} shown to several).
   */
  public record TokenState(String id, long version, String poolId, long expiresAt, String shownTo) {}

  /**
   * A pool of interchangeable tokens: its rotation, shared policy, refill settings and sealed refill
   * grant; {@code numbersSealed} is the pool's numbers (sealed JSON), null for pools made from tokens
   * stored before pools existed.
   */
  public record Pool(
      String id, String tenantId, String issuer, String identityTag, String numbersSealed, String rotation, String policy,
      int lowWater, int target, String refillSealed, String refillState, long version, long createdAt) {
    /** A new pool: no policy set (the minimal one applies), no refill grant or refill yet, version 1. */
    public static Pool created(String id, String tenantId, String issuer, String identityTag, String numbersSealed, String rotation,
        int lowWater, int target, long createdAt) {
      return new Pool(id, tenantId, issuer, identityTag, numbersSealed, rotation, null, lowWater, target, null, null, 1, createdAt);
    }
  }

  /** A grant; {@code revokedAt} (epoch seconds) null while it stands. */
  public record Grant(
      String id, String ownerTenant, String granteeTenant, String tokenId, String numbersSealed,
      List<String> claims, long expiresAt, Long revokedAt, long createdAt, String poolId) {
    /** A grant just given: not revoked. */
    public static Grant issued(String id, String ownerTenant, String granteeTenant, String tokenId, String numbersSealed,
        List<String> claims, long expiresAt, long createdAt, String poolId) {
      return new Grant(id, ownerTenant, granteeTenant, tokenId, numbersSealed, claims, expiresAt, null, createdAt, poolId);
    }
  }

  /**
   * An audit entry: the audience sealed and tagged under the owner's data key, and again under the
   * actor's (the same values when the owner acted); never in clear.
   */
  public record Audit(
      String id, String ownerTenant, String actorTenant, String grantId, String tokenId,
      List<String> claimPaths, String audienceTag, String audienceSealed, String actorAudienceTag, String actorAudienceSealed,
      long atMs) {}
}
