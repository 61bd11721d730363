package dev.vesper.core.sdjwt;

import dev.vesper.core.crypto.PublicJwk;
import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import java.util.Map;

/** Reads the holder key from {@code cnf.jwk} (RFC 7800 §3.2) of an issuer JWT payload. */
public final class ConfirmationKey {
  private ConfirmationKey() {}

  /** The {@code cnf.jwk} key; {@link ErrorCode#KB_NO_HOLDER_KEY} when absent or unusable. */
  public static PublicJwk of(Map<String, Object> issuerPayload) throws VesperException {
    if (!(issuerPayload.get("cnf") instanceof Map<?, ?> cnf) || !(cnf.get("jwk") instanceof Map<?, ?> jwk)) {
      throw new VesperException(ErrorCode.KB_NO_HOLDER_KEY, "the issuer JWT has no cnf.jwk holder key");
    }
    try {
      @SuppressWarnings("unchecked")
      Map<String, Object> members = (Map<String, Object>) jwk;
      return PublicJwk.fromJson(members);
    } catch (VesperException e) {
      throw new VesperException(ErrorCode.KB_NO_HOLDER_KEY, "cnf.jwk is not a usable key: " + e.getMessage());
    }
  }
}
