package dev.vesper.verifier;

import dev.vesper.core.error.VesperException;

/**
 * Fetches a Status List Token by its uri. Injected so that tests, offline use and deployments with
 * their own HTTP stack choose how; {@link HttpStatusFetcher} is the default over HTTPS.
 */
@FunctionalInterface
public interface StatusFetcher {
  /**
   * The token text served at {@code uri}.
   *
   * @throws VesperException {@link dev.vesper.core.error.ErrorCode#STATUS_UNAVAILABLE} when it cannot be had
   */
  String fetch(String uri) throws VesperException;
}
