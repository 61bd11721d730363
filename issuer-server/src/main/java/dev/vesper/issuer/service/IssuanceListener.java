package dev.vesper.issuer.service;

import dev.vesper.issuer.store.Rows;

/**
 * Told of each issuance and status change after it is committed: the hook through which the issuer
 * reports to a transparency log. Implementations must not throw and must not block for long.
 */
public interface IssuanceListener {
  IssuanceListener NONE = new IssuanceListener() { };

  default void issued(Rows.Token token, String sdJwt) { }

  default void statusChanged(Rows.Token token, String newStatus, String reason, long atSeconds) { }
}
