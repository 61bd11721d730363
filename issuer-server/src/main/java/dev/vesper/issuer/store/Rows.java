package dev.vesper.issuer.store;

import java.util.List;

/** The issuer store's rows, as plain values. */
public final class Rows {
  private Rows() {}

  /** {@code listedJson}: the claimed numbers the entity lists publicly (a JSON array), or null for none. */
  /** {@code accountKeyJson}: the public JWK of the entity's registered ACME account key, or null. */
  public record Entity(String id, String claimsJson, String kycState, String stateReason, Long verifiedAt, long createdAt,
      String listedJson, String accountKeyJson) {}

  public record Decision(String id, String entityId, String source, String decision, String provider, String method,
      String level, List<String> attributes, String reason, long decidedAt) {}

  public record RtuProof(String id, String entityId, String authority, String jti, String entriesJson, long validatedAt) {}

  /** {@code listedJson}: the numbers of {@code tnJson} listed publicly in the log (a JSON array, usually empty). */
  public record Token(String id, String entityId, String listId, int idx, String status, String statusReason, Long statusAt,
      String tokenSha256, String holderJkt, String issuerKid, String tnJson, long issuedAt, long expiresAt, String listedJson) {}

  public record IssuerKey(String kid, String publicJwk, long activatedAt, Long retiredAt) {}

  public record StatusList(String id, int size, boolean open, long createdAt) {}

  /** A log entry waiting to be shipped, or shipped with its index and receipt. */
  public record Outbox(String id, String tokenId, String kind, String entryBase64, long createdAtMs, int attempts,
      long nextAttemptMs, String lastError, Long logIndex, String receipt, Long sentAtMs) {}

  /** A credential offer with a pre-authorized code (hashes only); {@code txCodeHash} null when none is needed. */
  public record Offer(String id, String entityId, String codeHash, String txCodeHash, int txCodeFailures, String offerJson,
      long createdAt, long expiresAt, Long redeemedAt) {}

  /** An access token from the token endpoint (its hash); {@code dpopJkt} null for a bearer token. */
  public record AccessToken(String tokenHash, String entityId, String offerId, String dpopJkt, boolean details, long expiresAt,
      Long usedAt) {}

  public record Event(String id, long atMs, String entityId, String tokenId, String kind, String detailJson) {}
}
