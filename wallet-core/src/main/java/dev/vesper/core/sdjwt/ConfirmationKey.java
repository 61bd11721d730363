package dev.vesper.core.sdjwt;

import dev.vesper.core.crypto.PublicJwk;
import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import java.util.Map;
import java.util.Set;

/**
 * Reads the holder key from {@code cnf.jwk} (RFC 7800 §3.2) of an issuer JWT payload. The profile binds
 * the key itself, so {@code cnf.jwk} is a bare public key: no {@code kid} (a name the verifier could be
 * led to resolve elsewhere) and no private member of any key type.
 */
final class ConfirmationKey {
  /** Private JWK members of every key type (RFC 7518 §6.2.2, §6.3.2, §6.4.1). */
  private static final Set<String> PRIVATE_MEMBERS = Set.of("d", "p", "q", "dp", "dq", "qi", "oth", "k");

  private ConfirmationKey() {}

  /** The {@code cnf.jwk} key; {@link ErrorCode#KB_NO_HOLDER_KEY} when absent or unusable. */
  public static PublicJwk of(Map<String, Object> issuerPayload) throws VesperException {
    if (!(issuerPayload.get("cnf") instanceof Map<?, ?> cnf) || !(cnf.get("jwk") instanceof Map<?, ?> jwk)) {
      throw new VesperException(ErrorCode.KB_NO_HOLDER_KEY, "the issuer JWT has no cnf.jwk holder key");
    }
    if (jwk.containsKey("kid")) {
      throw new VesperException(ErrorCode.KB_NO_HOLDER_KEY, "cnf.jwk must not carry a kid (docs/token-profile.md §1)");
    }
    for (Object member : jwk.keySet()) {
      if (PRIVATE_MEMBERS.contains(member)) {
        throw new VesperException(ErrorCode.KB_NO_HOLDER_KEY, "cnf.jwk carries the private member " + member);
      }
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
