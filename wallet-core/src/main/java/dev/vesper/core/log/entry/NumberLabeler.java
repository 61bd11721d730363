package dev.vesper.core.log.entry;

import dev.vesper.core.phone.NumberEntry;
import java.nio.charset.StandardCharsets;

/**
 * The issuer's side of number labels (docs/transparency.md §3.1), all keyed by the issuer's label key
 * {@code k_label} (at least 32 bytes, never in the log):
 *
 * <ul>
 *   <li>a number's <b>key</b> {@code k_n = HMAC-SHA256(k_label, "vesper/tn-key/v2" ‖ 0x00 ‖ form)}, handed
 *       to the entity vetted for the number so that it can recognise the tokens naming it;
 *   <li>a <b>per-token label</b> {@code HMAC-SHA256(k_n, "vesper/tn-label/v2" ‖ 0x00 ‖ token_hash)}
 *       ({@link TokenLabels}): different for every token, so two tokens of one batch share no label,
 *       and unrecognisable without {@code k_n};
 *   <li>the older deterministic pseudonym {@code HMAC-SHA256(k_label, "vesper/tn-label/v1" ‖ 0x00 ‖ form)}
 *       ({@link #label}), the same in every entry naming the number, kept for right-to-use entries and
 *       for reading entries logged before per-token labels.
 * </ul>
 *
 * {@code form} is the canonical digits of a number, or {@code <start digits>+<count>} for a range.
 * Numbers have so little entropy that any unkeyed hash of them is reversed by enumerating the numbering
 * plan; the keys are what keeps a label from naming its number. Thread-safe.
 */
public final class NumberLabeler {
  private static final byte[] V1 = "vesper/tn-label/v1\0".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] KEY_CONTEXT = "vesper/tn-key/v2\0".getBytes(StandardCharsets.US_ASCII);
  private final byte[] key;

  private NumberLabeler(byte[] key) {
    this.key = key;
  }

  /** A labeler for a secret key of at least 32 bytes. */
  public static NumberLabeler withKey(byte[] key) {
    if (key.length < 32) {
      throw new IllegalArgumentException("a number label key has at least 32 bytes");
    }
    return new NumberLabeler(key.clone());
  }

  /** The deterministic pseudonym (kind 0): equal in every entry that names {@code entry}. */
  public Hash32 label(NumberEntry entry) {
    return Hash32.of(TokenLabels.hmac(key, V1, form(entry).getBytes(StandardCharsets.US_ASCII)));
  }

  /** The number's key {@code k_n}: what the entity vetted for {@code entry} receives to find its tokens. */
  public byte[] numberKey(NumberEntry entry) {
    return TokenLabels.hmac(key, KEY_CONTEXT, form(entry).getBytes(StandardCharsets.US_ASCII));
  }

  /** The per-token label (kind 3) of {@code entry} in the token whose issuer JWT hashes to {@code tokenHash}. */
  public NumberLabel tokenLabel(NumberEntry entry, Hash32 tokenHash) {
    return NumberLabel.perToken(TokenLabels.label(numberKey(entry), tokenHash));
  }

  /**
   * The label as it goes in a {@code TOKEN_ISSUED} entry: the number itself when {@code listed}, else
   * the per-token label.
   */
  public NumberLabel labelFor(NumberEntry entry, boolean listed, Hash32 tokenHash) {
    return listed ? NumberLabel.listed(entry) : tokenLabel(entry, tokenHash);
  }

  /** The label as it goes in a right-to-use entry: the number itself when {@code listed}, else the pseudonym. */
  public NumberLabel labelFor(NumberEntry entry, boolean listed) {
    return listed ? NumberLabel.listed(entry) : NumberLabel.pseudonym(label(entry));
  }

  static String form(NumberEntry entry) {
    return entry.isRange() ? entry.range().start().digits() + "+" + entry.range().count() : entry.single().digits();
  }
}
