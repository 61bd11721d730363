package dev.vesper.core.stir;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import java.security.cert.X509CRL;

/**
 * Where the CRLs named by STI certificates' CRL distribution points come from (ATIS-1000080: one HTTP(S)
 * URL per certificate). Implementations cache and refresh them on a schedule, so the call path reads a
 * CRL from memory; {@link StiCredentials} checks the CRL's issuer, signature and {@code nextUpdate} itself.
 */
@FunctionalInterface
public interface CrlSource {
  /**
   * The current CRL published at {@code url}.
   *
   * @throws VesperException {@link ErrorCode#STIR_CERTIFICATE_REVOKED} when no usable CRL can be had (fail closed)
   */
  X509CRL crl(String url) throws VesperException;
}
