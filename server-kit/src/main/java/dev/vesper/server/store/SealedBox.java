package dev.vesper.server.store;

import dev.vesper.core.error.VesperException;
import dev.vesper.core.json.Base64Url;
import java.nio.charset.StandardCharsets;

/**
 * One tenant's data key, unwrapped: seals and opens that tenant's secrets. The associated data of each
 * value is {@code tenant|table|row}, so a ciphertext only opens where it was written.
 */
public final class SealedBox {
  private final String tenant;
  private final Aead aead;

  SealedBox(String tenant, byte[] dataKey) {
    this.tenant = tenant;
    this.aead = new Aead(dataKey);
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
