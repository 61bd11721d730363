package dev.vesper.server.store;

import dev.vesper.core.error.VesperException;
import dev.vesper.core.json.Base64Url;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One tenant's data key, unwrapped: seals and opens that tenant's secrets. The associated data of each
 * value is {@code tenant|table|row}, so a ciphertext only opens where it was written. It also makes keyed
 * tags ({@link #tag}) under a key derived from the data key, for values that must be found by equality
 * without being stored in clear.
 */
public final class SealedBox {
  private static final byte[] TAG_KEY_LABEL = "vesper/tag-key/v1".getBytes(StandardCharsets.US_ASCII);

  private final String tenant;
  private final Aead aead;
  private final SecretKeySpec tagKey;

  SealedBox(String tenant, byte[] dataKey) {
    this.tenant = tenant;
    this.aead = new Aead(dataKey);
    this.tagKey = new SecretKeySpec(hmac(new SecretKeySpec(dataKey, "HmacSHA256"), TAG_KEY_LABEL), "HmacSHA256");
  }

  /**
   * A keyed tag of {@code value} for {@code purpose} (a constant of the caller's, without NUL): base64url of HMAC-SHA256(k_tag, purpose ‖ 0x00 ‖
   * value), where k_tag = HMAC-SHA256(data key, "vesper/tag-key/v1"). Equal values of one tenant have
   * equal tags, so a column of tags is searchable by equality; without the tenant's data key a tag tells
   * nothing, not even to someone enumerating a small space such as telephone numbers. 43 characters.
   */
  public String tag(String purpose, String value) {
    byte[] p = purpose.getBytes(StandardCharsets.UTF_8);
    byte[] v = value.getBytes(StandardCharsets.UTF_8);
    byte[] input = new byte[p.length + 1 + v.length];
    System.arraycopy(p, 0, input, 0, p.length);
    System.arraycopy(v, 0, input, p.length + 1, v.length);
    return Base64Url.encode(hmac(tagKey, input));
  }

  private static byte[] hmac(SecretKeySpec key, byte[] input) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac.doFinal(input);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  /** Seals {@code plaintext} for {@code table}/{@code row}; returns base64url text for a TEXT column. */
  public String seal(String table, String row, byte[] plaintext) {
    return Base64Url.encode(aead.seal(plaintext, aad(table, row)));
  }

  public String seal(String table, String row, String plaintext) {
    return seal(table, row, plaintext.getBytes(StandardCharsets.UTF_8));
  }

  public byte[] open(String table, String row, String sealed) throws VesperException {
    return aead.open(Base64Url.decode(sealed, "sealed value"), aad(table, row));
  }

  public String openText(String table, String row, String sealed) throws VesperException {
    return new String(open(table, row, sealed), StandardCharsets.UTF_8);
  }

  private byte[] aad(String table, String row) {
    return (tenant + "|" + table + "|" + row).getBytes(StandardCharsets.UTF_8);
  }

  /** Wraps a new data key for {@code tenant} under {@code kek}; returns the key and its stored form. */
  public static Wrapped create(String tenant, Kek kek) throws VesperException {
    byte[] key = Aead.newKey();
    String wrapped = Base64Url.encode(kek.wrap(key, dekAad(tenant)));
    return new Wrapped(new SealedBox(tenant, key), wrapped, kek.id());
  }

  /** Unwraps a stored data key. */
  public static SealedBox open(String tenant, String wrapped, Kek kek) throws VesperException {
    return new SealedBox(tenant, kek.unwrap(Base64Url.decode(wrapped, "wrapped key"), dekAad(tenant)));
  }

  /** Re-wraps a stored data key from {@code from} to {@code to} (KEK rotation); the data is untouched. */
  public static String rewrap(String tenant, String wrapped, Kek from, Kek to) throws VesperException {
    byte[] key = from.unwrap(Base64Url.decode(wrapped, "wrapped key"), dekAad(tenant));
    return Base64Url.encode(to.wrap(key, dekAad(tenant)));
  }

  private static byte[] dekAad(String tenant) {
    return ("dek|" + tenant).getBytes(StandardCharsets.UTF_8);
  }

  /** A new data key and its wrapped, storable form. */
  public record Wrapped(SealedBox box, String wrapped, String kekId) {}
}
