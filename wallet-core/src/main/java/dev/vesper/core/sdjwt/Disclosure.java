package dev.vesper.core.sdjwt;

import dev.vesper.core.crypto.Sha256;
import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.json.Base64Url;
import dev.vesper.core.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One RFC 9901 §4.2 disclosure: {@code [salt, name, value]} for an object property or
 * {@code [salt, value]} for an array element. The encoded string is kept exactly as received and the
 * digest is computed over it, never over a re-serialisation. Immutable; the value is frozen.
 */
public final class Disclosure {
  /** Claim names a disclosure may never carry (RFC 9901 §4.2.1). */
  static final String SD = "_sd";

  static final String ELLIPSIS = "...";

  private final String encoded;
  private final String digest;
  private final String salt;
  private final String name;
  private final Object value;

  private Disclosure(String encoded, String salt, String name, Object value) {
    this.encoded = encoded;
    this.digest = Sha256.base64UrlOfAscii(encoded);
    this.salt = salt;
    this.name = name;
    this.value = Json.freeze(value);
  }

  /**
   * Parses a received disclosure. Refuses: bad base64url, bad JSON, anything but a 2- or 3-element
   * array, a non-string salt or name, and the reserved names {@code _sd} and {@code ...}.
   */
  public static Disclosure parse(String encoded) throws VesperException {
    Object json = Json.parse(Base64Url.decode(encoded, "disclosure"));
    if (!(json instanceof List<?> array) || (array.size() != 2 && array.size() != 3)) {
      throw new VesperException(ErrorCode.DISCLOSURE_MALFORMED, "a disclosure must be a JSON array of 2 or 3 elements");
    }
    if (!(array.get(0) instanceof String salt)) {
      throw new VesperException(ErrorCode.DISCLOSURE_MALFORMED, "a disclosure's salt must be a string");
    }
    if (array.size() == 2) {
      return new Disclosure(encoded, salt, null, array.get(1));
    }
    if (!(array.get(1) instanceof String name)) {
      throw new VesperException(ErrorCode.DISCLOSURE_MALFORMED, "a disclosure's claim name must be a string");
    }
    if (name.equals(SD) || name.equals(ELLIPSIS)) {
      throw new VesperException(ErrorCode.DISCLOSURE_RESERVED_NAME, "a disclosure may not name the claim " + name);
    }
    return new Disclosure(encoded, salt, name, array.get(2));
  }

  /** A new object-property disclosure, serialised compactly. */
  public static Disclosure ofProperty(String salt, String name, Object value) {
    Objects.requireNonNull(salt, "salt == null");
    Objects.requireNonNull(name, "name == null");
    if (name.equals(SD) || name.equals(ELLIPSIS)) {
      throw new IllegalArgumentException("reserved claim name " + name);
    }
    List<Object> array = new ArrayList<>(3);
    array.add(salt);
    array.add(name);
    array.add(value);
    return new Disclosure(Base64Url.encode(Json.write(array)), salt, name, value);
  }

  /** A new array-element disclosure, serialised compactly. */
  public static Disclosure ofElement(String salt, Object value) {
    Objects.requireNonNull(salt, "salt == null");
    List<Object> array = new ArrayList<>(2);
    array.add(salt);
    array.add(value);
    return new Disclosure(Base64Url.encode(Json.write(array)), salt, null, value);
  }

  /** The base64url string exactly as issued or received. */
  public String encoded() {
    return encoded;
  }

  /** base64url(SHA-256(encoded)). */
  public String digest() {
    return digest;
  }

  /** The salt; a secret while the disclosure is undisclosed. */
  public String salt() {
    return salt;
  }

  /** The claim name, or null for an array element. */
  public String name() {
    return name;
  }

  public boolean isArrayElement() {
    return name == null;
  }

  /** The (frozen) disclosed value. */
  public Object value() {
    return value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Disclosure other && encoded.equals(other.encoded);
  }

  @Override
  public int hashCode() {
    return encoded.hashCode();
  }

  @Override
  public String toString() {
    return "Disclosure{" + (name == null ? "array element" : name) + ", digest=" + digest + "}";
  }
}
