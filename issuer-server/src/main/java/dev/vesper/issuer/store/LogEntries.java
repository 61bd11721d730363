package dev.vesper.issuer.store;

import dev.vesper.core.log.entry.Reason;
import java.util.List;

/**
 * Builds the transparency-log entries of state changes, so that they are written in the same
 * transaction as the change. Stores take null when the issuer reports to no log.
 */
public interface LogEntries {
  /** The issuance entry, and a right-to-use entry per publicly listed number. */
  List<Rows.Outbox> issued(Rows.Token token);

  /** Right-to-use released entries for the publicly listed numbers of {@code token} among {@code releasedJson}. */
  List<Rows.Outbox> released(Rows.Token token, String releasedJson, Reason reason, long atMs);

  /** {@code status}: revoked, suspended, or valid (a reinstatement). */
  Rows.Outbox statusChanged(String tokenId, String tokenSha256, String status, Reason reason, long atMs);
}
