package dev.vesper.core.log.entry;

import dev.vesper.core.phone.NumberEntry;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed pseudonyms for telephone numbers: {@code HMAC-SHA256(key, "vesper/tn-label/v1" ‖ 0x00 ‖ form)}
 * where {@code form} is the canonical digits of a number, or {@code <start digits>+<count>} for a range.
 *
 * <p>Why keyed: numbers have so little entropy that any public hash of them is reversed by enumerating
 * the numbering plan. Only holders of the label key (the registry and its submitters) can compute a
 * label, so log readers learn that the same number recurs but not which number it is. The key is the
 * secret that protects every pseudonymous number in the log: keep it like a signing key
 * (docs/transparency.md §3). Thread-safe.
 */
public final class NumberLabeler {
  private static final byte[] CONTEXT = "vesper/tn-label/v1\0".getBytes(StandardCharsets.US_ASCII);
  private final SecretKeySpec key;

  private NumberLabeler(byte[] key) {
    this.key = new SecretKeySpec(key, "HmacSHA256");
  }

  /** A labeler for a secret key of at least 32 bytes. */
  public static NumberLabeler withKey(byte[] key) {
    if (key.length < 32) {
      throw new IllegalArgumentException("a number label key has at least 32 bytes");
    }
    return new NumberLabeler(key.clone());
  }

  public Hash32 label(NumberEntry entry) {
    String form = entry.isRange()
        ? entry.range().start().digits() + "+" + entry.range().count()
        : entry.single().digits();
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      mac.update(CONTEXT);
      return Hash32.of(mac.doFinal(form.getBytes(StandardCharsets.US_ASCII)));
    } catch (InvalidKeyException e) {
      throw new IllegalStateException("HMAC key rejected", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  /** The label as it goes in an entry: the pseudonym, or the number itself when {@code listed}. */
  public NumberLabel labelFor(NumberEntry entry, boolean listed) {
    return listed ? NumberLabel.listed(entry) : NumberLabel.pseudonym(label(entry));
  }
}
