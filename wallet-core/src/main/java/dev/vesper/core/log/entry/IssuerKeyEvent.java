package dev.vesper.core.log.entry;

import dev.vesper.core.crypto.PublicJwk;
import java.util.Objects;
import java.util.Set;

/**
 * An issuer key registered, rotated in (replacing the issuer's current keys) or revoked.
 * {@code key} carries its {@code kid}; {@code notAfterMs} is 0 when the key has no planned end.
 */
public record IssuerKeyEvent(EntryType type, String issuer, PublicJwk key, long notAfterMs, Reason reason)
    implements EntryBody {
  private static final Set<EntryType> TYPES =
      Set.of(EntryType.ISSUER_KEY_REGISTERED, EntryType.ISSUER_KEY_ROTATED, EntryType.ISSUER_KEY_REVOKED);

  public IssuerKeyEvent {
    if (!TYPES.contains(type)) {
      throw new IllegalArgumentException("not an issuer key entry type: " + type);
    }
    Wire.checkAscii(issuer, "issuer", false);
    Objects.requireNonNull(key, "key == null");
    Wire.checkAscii(key.kid().orElseThrow(() -> new IllegalArgumentException("the issuer key needs a kid")), "kid", false);
    if (notAfterMs < 0) {
      throw new IllegalArgumentException("notAfterMs < 0");
    }
    Objects.requireNonNull(reason, "reason == null");
  }

  public String kid() {
    return key.kid().orElseThrow();
  }
}
