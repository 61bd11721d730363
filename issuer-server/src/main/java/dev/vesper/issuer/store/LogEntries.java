package dev.vesper.issuer.store;

/**
 * Builds the transparency-log entries of state changes, so that they are written in the same
 * transaction as the change. Stores take null when the issuer reports to no log.
 */
public interface LogEntries {
  Rows.Outbox issued(Rows.Token token);

  /** {@code status}: revoked, suspended, or valid (a reinstatement). */
  Rows.Outbox statusChanged(String tokenId, String tokenSha256, String status, String reason, long atMs);
}
