package dev.vesper.core.log.entry;

import dev.vesper.core.crypto.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Set;

/**
 * A holder's right to use a number (or range) asserted or released by an assigning authority.
 *
 * <p>{@code holder} is the SHA-256 JWK thumbprint (RFC 7638) of the holder's key when the number is
 * listed publicly, and otherwise a salted commitment to it ({@link #commitment}): the opening is kept off
 * the log, so the entry links nobody to a number unless its opening is released.
 * {@code authority} is the assigning authority's public id (SPC or OCN); {@code notAfterMs} 0 = open.
 */
public record NumberRightToUse(
    EntryType type, NumberLabel number, Hash32 holder, String authority, long notAfterMs, Reason reason)
    implements EntryBody {
  private static final Set<EntryType> TYPES = Set.of(EntryType.NUMBER_RTU_ASSERTED, EntryType.NUMBER_RTU_RELEASED);
  private static final byte[] COMMIT_CONTEXT = "vesper/commit/v1\0".getBytes(StandardCharsets.US_ASCII);

  public NumberRightToUse {
    if (!TYPES.contains(type)) {
      throw new IllegalArgumentException("not a right-to-use entry type: " + type);
    }
    Objects.requireNonNull(number, "number == null");
    if (number.isPerToken()) {
      throw new IllegalArgumentException("a right-to-use entry names its number by pseudonym or in clear, never by a per-token label");
    }
    Objects.requireNonNull(holder, "holder == null");
    Wire.checkAscii(authority, "authority", false);
    if (notAfterMs < 0) {
      throw new IllegalArgumentException("notAfterMs < 0");
    }
    Objects.requireNonNull(reason, "reason == null");
  }

  /** {@code SHA-256("vesper/commit/v1" ‖ 0x00 ‖ nonce[32] ‖ ASCII thumbprint)}; the nonce must be fresh and random. */
  public static Hash32 commitment(byte[] nonce, String holderThumbprint) {
    if (nonce.length != 32) {
      throw new IllegalArgumentException("a commitment nonce is 32 bytes");
    }
    byte[] thumb = holderThumbprint.getBytes(StandardCharsets.US_ASCII);
    byte[] input = new byte[COMMIT_CONTEXT.length + 32 + thumb.length];
    System.arraycopy(COMMIT_CONTEXT, 0, input, 0, COMMIT_CONTEXT.length);
    System.arraycopy(nonce, 0, input, COMMIT_CONTEXT.length, 32);
    System.arraycopy(thumb, 0, input, COMMIT_CONTEXT.length + 32, thumb.length);
    return Hash32.of(Sha256.digest(input));
  }
}
