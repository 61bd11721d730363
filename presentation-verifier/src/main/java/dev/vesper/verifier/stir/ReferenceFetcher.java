package dev.vesper.verifier.stir;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;

/**
 * Fetches what a PASSporT refers to by URL: a presentation delivered by reference, a Rich Call Data icon.
 * Implementations apply the outbound rules of a public verifier (https, allow-list, no internal addresses,
 * bounded time and size).
 */
@FunctionalInterface
public interface ReferenceFetcher {
  /**
   * The bytes at {@code url}, at most {@code maxBytes}.
   *
   * @throws VesperException {@link ErrorCode#STIR_BAD_IDENTITY_INFO} when they cannot be had in time
   */
  byte[] fetch(String url, int maxBytes) throws VesperException;

  /** A fetcher that refuses everything: presentations inline only, icons unverified (dropped). */
  static ReferenceFetcher none() {
    return (url, max) -> {
      throw new VesperException(ErrorCode.STIR_BAD_IDENTITY_INFO, "this verifier does not fetch by reference");
    };
  }
}
