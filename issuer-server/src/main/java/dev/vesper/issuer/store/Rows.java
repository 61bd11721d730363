package dev.vesper.issuer.store;

import java.util.List;

/** The issuer store's rows, as plain values. */
public final class Rows {
  private Rows() {}

  /** {@code listedJson}: the claimed numbers the entity lists publicly (a JSON array), or null for none. */
  /** {@code accountKeyJson}: the public JWK of the entity's registered ACME account key, or null. */
  public record Entity(String id, String claimsJson, String kycState, String stateReason, Long verifiedAt, long createdAt,
      String listedJson, String accountKeyJson) {
    /** An entity just registered: never verified, listing nothing, no account key. */
    public static Entity registered(String id, String claimsJson, String kycState, long createdAt) {
      return new Entity(id, claimsJson, kycState, null, null, createdAt, null, null);
    }
  }

  /**
   * A vetting decision: {@code source} {@code attestation} or {@code review}; {@code level} null for a
   * rejection; {@code reason} null for an attestation; {@code decidedAt} epoch milliseconds.
   */
  public record Decision(String id, String entityId, String source, String decision, String provider, String method,
      String level, List<String> attributes, String reason, long decidedAt) {
    /** A KYC provider's attestation, accepted for the claimed {@code attributes} it verifies as claimed. */
    public static Decision attestation(String id, String entityId, String provider, String method, String level, List<String> attributes,
        long decidedAt) {
      return new Decision(id, entityId, "attestation", "accepted", provider, method, level, attributes, null, decidedAt);
    }

    /** The operator's manual approval of {@code attributes} at {@code level}. */
    public static Decision approvedByOperator(String id, String entityId, String level, List<String> attributes, String reason,
        long decidedAt) {
      return new Decision(id, entityId, "review", "approved", "operator", "manual_review", level, attributes, reason, decidedAt);
    }

    /** The operator's manual rejection: no level, no attributes. */
    public static Decision rejectedByOperator(String id, String entityId, String reason, long decidedAt) {
      return new Decision(id, entityId, "review", "rejected", "operator", "manual_review", null, List.of(), reason, decidedAt);
    }
  }

  public record RtuProof(String id, String entityId, String authority, String jti, String entriesJson, long validatedAt) {}

  /** {@code listedJson}: the numbers of {@code tnJson} listed publicly in the log (a JSON array, usually empty). */
  public record Token(String id, String entityId, String listId, int idx, String status, String statusReason, Long statusAt,
      String tokenSha256, String holderJkt, String issuerKid, String tnJson, long issuedAt, long expiresAt, String listedJson) {
    /** A token just issued: valid, its status never changed. */
    public static Token issued(String id, String entityId, String listId, int idx, String tokenSha256, String holderJkt, String issuerKid,
        String tnJson, long issuedAt, long expiresAt, String listedJson) {
      return new Token(id, entityId, listId, idx, "valid", null, null, tokenSha256, holderJkt, issuerKid, tnJson, issuedAt, expiresAt,
          listedJson);
    }
  }

  /** An issuer key; {@code retiredAt} null while it signs. */
  public record IssuerKey(String kid, String publicJwk, long activatedAt, Long retiredAt) {
    /** A key that signs from {@code activatedAt} on. */
    public static IssuerKey activated(String kid, String publicJwk, long activatedAt) {
      return new IssuerKey(kid, publicJwk, activatedAt, null);
    }
  }

  public record StatusList(String id, int size, boolean open, long createdAt) {}

  /** A log entry waiting to be shipped, or shipped with its index and receipt. */
  public record Outbox(String id, String tokenId, String kind, String entryBase64, long createdAtMs, int attempts,
      long nextAttemptMs, String lastError, Long logIndex, String receipt, Long sentAtMs) {
    /** An entry queued at {@code atMs}, to be sent at once: never tried, not logged. */
    public static Outbox queued(String id, String tokenId, String kind, String entryBase64, long atMs) {
      return new Outbox(id, tokenId, kind, entryBase64, atMs, 0, atMs, null, null, null, null);
    }
  }

  /** A credential offer with a pre-authorized code (hashes only); {@code txCodeHash} null when none is needed. */
  public record Offer(String id, String entityId, String codeHash, String txCodeHash, int txCodeFailures, String offerJson,
      long createdAt, long expiresAt, Long redeemedAt) {
    /** An offer just made: no wrong transaction code yet, not redeemed. */
    public static Offer created(String id, String entityId, String codeHash, String txCodeHash, String offerJson, long createdAt,
        long expiresAt) {
      return new Offer(id, entityId, codeHash, txCodeHash, 0, offerJson, createdAt, expiresAt, null);
    }
  }

  /** An access token from the token endpoint (its hash); {@code dpopJkt} null for a bearer token. */
  public record AccessToken(String tokenHash, String entityId, String offerId, String dpopJkt, boolean details, long expiresAt,
      Long usedAt) {
    /** An access token just granted: not used yet. */
    public static AccessToken granted(String tokenHash, String entityId, String offerId, String dpopJkt, boolean details,
        long expiresAt) {
      return new AccessToken(tokenHash, entityId, offerId, dpopJkt, details, expiresAt, null);
    }
  }

  /** A refresh token, bound to the DPoP key {@code dpopJkt}; {@code offerId} is the offer it descends from. */
  public record RefreshToken(String tokenHash, String entityId, String offerId, String dpopJkt, long createdAt, long expiresAt) {}

  public record Event(String id, long atMs, String entityId, String tokenId, String kind, String detailJson) {}
}
