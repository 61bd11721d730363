package dev.vesper.core.crypto;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;

/**
 * Which keys may sign for which issuer (RFC 9901 §7.1 step 2.3; SD-JWT VC issuer key resolution): a key
 * learnt from an issuer's JWT VC Issuer Metadata verifies only that issuer's tokens and status lists. A
 * bare key (a JWK or JWK set with no issuer named) is bound to no issuer and answers for any {@code iss}.
 * {@link TrustedKeys} is the static form; a verifier service may resolve issuers' metadata at run time.
 * Implementations are thread-safe.
 */
public interface IssuerTrust {
  /**
   * The key that verifies a JWT claiming {@code iss} (null when it names none) and naming {@code kid} in
   * its header (null when absent; then the issuer's only key, if it has exactly one).
   *
   * @throws VesperException {@link ErrorCode#ISSUER_MISMATCH} when the key that {@code kid} names is trusted
   *     for another issuer only, {@link ErrorCode#ISSUER_UNKNOWN_KEY} when no trusted key answers
   */
  PublicJwk keyFor(String iss, String kid) throws VesperException;

  /**
   * The keys that may sign status lists for {@code iss}'s tokens: that issuer's keys (and the bare keys).
   *
   * @throws VesperException {@link ErrorCode#ISSUER_UNKNOWN_KEY} when the issuer's keys cannot be had
   */
  TrustedKeys keysOf(String iss) throws VesperException;
}
