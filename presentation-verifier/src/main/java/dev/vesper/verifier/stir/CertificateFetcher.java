package dev.vesper.verifier.stir;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import java.util.List;

/** Fetches the certificate chain an {@code x5u} names (PEM, leaf first), as base64 DER strings. */
@FunctionalInterface
public interface CertificateFetcher {
  /**
   * @throws VesperException {@code fetch.refused} (the URL may not be fetched) or {@code fetch.failed}
   *     (the chain could not be had); the STI-VS answers both as {@code stir.bad_identity_info} (436)
   */
  List<String> fetch(String uri) throws VesperException;

  /** A fetcher that refuses every x5u: for deployments that accept inline x5c only. */
  static CertificateFetcher none() {
    return uri -> {
      throw new VesperException(ErrorCode.FETCH_REFUSED, "this verifier does not fetch x5u (x5c only)");
    };
  }
}
