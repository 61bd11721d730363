package dev.vesper.core.crypto;

import dev.vesper.core.json.Base64Url;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 with a per-thread engine; the only hash the token profile allows ({@code _sd_alg}). */
public final class Sha256 {
  private static final ThreadLocal<MessageDigest> ENGINE =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException(e);
            }
          });

  private Sha256() {}

  public static byte[] digest(byte[] data) {
    return ENGINE.get().digest(data);
  }

  /** base64url(SHA-256(US-ASCII bytes of {@code ascii})): the RFC 9901 digest and sd_hash form. */
  public static String base64UrlOfAscii(String ascii) {
    return Base64Url.encode(digest(ascii.getBytes(StandardCharsets.US_ASCII)));
  }
}
