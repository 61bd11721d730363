package dev.vesper.issuer.store;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.server.store.Database;
import dev.vesper.server.store.Sql;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.Function;

/**
 * Credential offers, access and refresh tokens of the issuer's authorization server (OpenID4VCI §4, §6):
 * a pre-authorized code is redeemed at most once, and a wrong transaction code counts against the offer,
 * which is withdrawn after {@link #MAX_TX_CODE_FAILURES}; a refresh token is bound to a DPoP key.
 */
public final class OfferStore {
  /** Wrong transaction codes an offer survives; the next one withdraws it. */
  public static final int MAX_TX_CODE_FAILURES = 5;

  private static final String OFFER = "SELECT id, entity_id, code_hash, tx_code_hash, tx_code_failures, offer, created_at, expires_at,"
      + " redeemed_at FROM credential_offers";

  private final Database db;

  public OfferStore(Database db) {
    this.db = db;
  }

  public void insertOffer(Rows.Offer o, Rows.Event created) throws VesperException {
    db.transaction(c -> {
      Sql.exec(c, "INSERT INTO credential_offers (id, entity_id, code_hash, tx_code_hash, tx_code_failures, offer, created_at, expires_at,"
          + " redeemed_at) VALUES (?, ?, ?, ?, 0, ?, ?, ?, NULL)", o.id(), o.entityId(), o.codeHash(), o.txCodeHash(), o.offerJson(),
          o.createdAt(), o.expiresAt());
      Writes.event(c, created);
      return null;
    });
  }

  /** The offer with this id while it can still be redeemed. */
  public Optional<Rows.Offer> openOffer(String id, long nowSeconds) throws VesperException {
    return db.transaction(c -> Sql.one(c, OFFER + " WHERE id = ? AND redeemed_at IS NULL AND expires_at > ?", OfferStore::offer, id,
        nowSeconds));
  }

  /** What {@link #redeem} decided. */
  public enum Redemption { REDEEMED, WRONG_TX_CODE, WITHDRAWN }

  /** Checks a transaction code against the offer, given its hash (null when none was sent). */
  @FunctionalInterface
  public interface TxCodeCheck {
    /** Throws {@link ErrorCode#OID4VC_INVALID_REQUEST} when a code is missing or unexpected; true when it matches. */
    boolean matches(Rows.Offer offer) throws VesperException;
  }

  /**
   * Redeems the open offer whose code hashes to {@code codeHash}: when {@code txCode} matches, marks it
   * redeemed and stores {@code token} (built for the offer) in one transaction; a wrong code counts a
   * failure (committed), and the {@link #MAX_TX_CODE_FAILURES}th withdraws the offer.
   *
   * @throws VesperException {@link ErrorCode#OID4VC_INVALID_GRANT} for an unknown, expired or used code
   */
  public Redemption redeem(String codeHash, long nowSeconds, TxCodeCheck txCode, Function<Rows.Offer, Rows.AccessToken> token)
      throws VesperException {
    return redeem(codeHash, nowSeconds, txCode, token, offer -> null);
  }

  /** Like {@link #redeem(String, long, TxCodeCheck, java.util.function.Function)}, also storing {@code refresh}'s token when not null. */
  public Redemption redeem(String codeHash, long nowSeconds, TxCodeCheck txCode, Function<Rows.Offer, Rows.AccessToken> token,
      Function<Rows.Offer, Rows.RefreshToken> refresh) throws VesperException {
    return db.transaction(c -> {
      Rows.Offer offer = Sql.one(c, OFFER + " WHERE code_hash = ? AND redeemed_at IS NULL AND expires_at > ?", OfferStore::offer, codeHash,
          nowSeconds).orElseThrow(() -> new VesperException(ErrorCode.OID4VC_INVALID_GRANT,
              "the pre-authorized code is unknown, expired or already used"));
      if (!txCode.matches(offer)) {
        boolean last = offer.txCodeFailures() + 1 >= MAX_TX_CODE_FAILURES;
        Sql.exec(c, "UPDATE credential_offers SET tx_code_failures = tx_code_failures + 1" + (last ? ", redeemed_at = ?" : "")
            + " WHERE id = ?", last ? new Object[] {nowSeconds, offer.id()} : new Object[] {offer.id()});
        return last ? Redemption.WITHDRAWN : Redemption.WRONG_TX_CODE;
      }
      if (Sql.exec(c, "UPDATE credential_offers SET redeemed_at = ? WHERE id = ? AND redeemed_at IS NULL", nowSeconds, offer.id()) != 1) {
        throw new VesperException(ErrorCode.OID4VC_INVALID_GRANT, "the pre-authorized code is already used");
      }
      insertAccessToken(c, token.apply(offer));
      Rows.RefreshToken r = refresh.apply(offer);
      if (r != null) {
        Sql.exec(c, "INSERT INTO refresh_tokens (token_hash, entity_id, offer_id, dpop_jkt, created_at, expires_at, last_used_at, revoked_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, NULL, NULL)", r.tokenHash(), r.entityId(), r.offerId(), r.dpopJkt(), r.createdAt(), r.expiresAt());
      }
      return Redemption.REDEEMED;
    });
  }

  private static void insertAccessToken(Connection c, Rows.AccessToken t) throws SQLException {
    Sql.exec(c, "INSERT INTO access_tokens (token_hash, entity_id, offer_id, dpop_jkt, details, expires_at, used_at)"
        + " VALUES (?, ?, ?, ?, ?, ?, NULL)", t.tokenHash(), t.entityId(), t.offerId(), t.dpopJkt(), t.details() ? 1 : 0, t.expiresAt());
  }

  /**
   * Exchanges the live refresh token with this hash, bound to {@code dpopJkt}, for the access token
   * {@code token} builds, in one transaction.
   *
   * @throws VesperException {@link ErrorCode#OID4VC_INVALID_GRANT} for an unknown, expired or revoked
   *     refresh token, or one bound to another DPoP key
   */
  public void refresh(String refreshHash, String dpopJkt, long nowSeconds, Function<Rows.RefreshToken, Rows.AccessToken> token)
      throws VesperException {
    db.transaction(c -> {
      Rows.RefreshToken r = Sql.one(c, "SELECT token_hash, entity_id, offer_id, dpop_jkt, created_at, expires_at FROM refresh_tokens"
              + " WHERE token_hash = ? AND revoked_at IS NULL AND expires_at > ?",
          x -> new Rows.RefreshToken(x.getString(1), x.getString(2), x.getString(3), x.getString(4), x.getLong(5), x.getLong(6)),
          refreshHash, nowSeconds).orElseThrow(() -> new VesperException(ErrorCode.OID4VC_INVALID_GRANT,
              "the refresh token is unknown, expired or revoked"));
      if (!MessageDigest.isEqual(r.dpopJkt().getBytes(StandardCharsets.US_ASCII),
          dpopJkt.getBytes(StandardCharsets.US_ASCII))) {
        throw new VesperException(ErrorCode.OID4VC_INVALID_GRANT, "the refresh token is bound to another DPoP key");
      }
      Sql.exec(c, "UPDATE refresh_tokens SET last_used_at = ? WHERE token_hash = ?", nowSeconds, r.tokenHash());
      insertAccessToken(c, token.apply(r));
      return null;
    });
  }

  /** Revokes every live refresh token of the entity; returns how many. */
  public int revokeRefreshTokens(String entityId, long nowSeconds) throws VesperException {
    return db.transaction(c -> Sql.exec(c, "UPDATE refresh_tokens SET revoked_at = ? WHERE entity_id = ? AND revoked_at IS NULL",
        nowSeconds, entityId));
  }

  /** The unused, unexpired access token with this hash. */
  public Optional<Rows.AccessToken> liveToken(String tokenHash, long nowSeconds) throws VesperException {
    return db.transaction(c -> Sql.one(c, "SELECT token_hash, entity_id, offer_id, dpop_jkt, details, expires_at, used_at FROM access_tokens"
        + " WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?", r -> Rows.AccessToken.granted(r.getString(1), r.getString(2),
        r.getString(3), r.getString(4), r.getInt(5) == 1, r.getLong(6)), tokenHash, nowSeconds)); // used_at IS NULL
  }

  private static Rows.Offer offer(ResultSet r) throws SQLException {
    long redeemed = r.getLong(9);
    Long redeemedAt = r.wasNull() ? null : redeemed;
    return new Rows.Offer(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getInt(5), r.getString(6), r.getLong(7),
        r.getLong(8), redeemedAt);
  }
}
