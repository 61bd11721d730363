package dev.vesper.core.log.entry;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Per-token number labels (docs/transparency.md §3.1): {@code HMAC-SHA256(k_n, "vesper/tn-label/v2" ‖
 * 0x00 ‖ token_hash)}, where {@code k_n} is the number's key ({@link NumberLabeler#numberKey}) and
 * {@code token_hash} the entry's own token hash. The issuer computes them when it logs a token; the entity
 * holding {@code k_n} recomputes them for each {@code TOKEN_ISSUED} entry it reads and so finds every
 * logged token naming its number, while to anyone else each label is 32 random-looking bytes that no
 * other entry repeats. Stateless and thread-safe.
 */
public final class TokenLabels {
  private static final byte[] CONTEXT = "vesper/tn-label/v2\0".getBytes(StandardCharsets.US_ASCII);
  /** A number key's length: an HMAC-SHA256 output. */
  public static final int KEY_BYTES = 32;

  private TokenLabels() {}

  /** The label of the number whose key is {@code numberKey} in the token hashing to {@code tokenHash}. */
  public static Hash32 label(byte[] numberKey, Hash32 tokenHash) {
    if (numberKey.length != KEY_BYTES) {
      throw new IllegalArgumentException("a number key is " + KEY_BYTES + " bytes");
    }
    return Hash32.of(hmac(numberKey, CONTEXT, Objects.requireNonNull(tokenHash, "tokenHash == null").raw()));
  }

  /** True when {@code entry} names the number whose key is {@code numberKey} (by a per-token label). */
  public static boolean names(TokenIssued entry, byte[] numberKey) {
    byte[] expected = label(numberKey, entry.tokenHash()).raw();
    for (NumberLabel l : entry.numbers()) {
      if (l.isPerToken() && MessageDigest.isEqual(expected, l.pseudonym().orElseThrow().raw())) {
        return true;
      }
    }
    return false;
  }

  static byte[] hmac(byte[] key, byte[] context, byte[] message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      mac.update(context);
      return mac.doFinal(message);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
