package dev.vesper.verifier.stir;

import dev.vesper.core.error.VesperException;
import java.util.List;

/** Fetches the certificate chain an {@code x5u} names (PEM, leaf first), as base64 DER strings. */
@FunctionalInterface
public interface CertificateFetcher {
  /** @throws VesperException {@code stir.bad_identity_info} when the chain cannot be had */
  List<String> fetch(String uri) throws VesperException;

  /** A fetcher that refuses every x5u: for deployments that accept inline x5c only. */
  static CertificateFetcher none() {
    return uri -> {
      throw new VesperException(dev.vesper.core.error.ErrorCode.STIR_BAD_IDENTITY_INFO, "this verifier does not fetch x5u");
    };
  }
}
