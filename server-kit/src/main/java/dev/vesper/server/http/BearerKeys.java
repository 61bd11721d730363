package dev.vesper.server.http;

import dev.vesper.core.crypto.Sha256;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Bearer API keys (RFC 6750 §2.1): reading one from a request and comparing it in constant time. */
public final class BearerKeys {
  private BearerKeys() {}

  /** The key of {@code Authorization: Bearer <key>}, or null when the request carries none. */
  public static String of(Context ctx) {
    String header = ctx.header("Authorization");
    return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).strip() : null;
  }

  /** SHA-256 of a key, the form servers keep of their operator key. */
  public static byte[] hash(String key) {
    return Sha256.digest(key.getBytes(StandardCharsets.UTF_8));
  }

  /** True when {@code key} is the key whose {@link #hash} is {@code expectedHash} (constant time). */
  public static boolean matches(String key, byte[] expectedHash) {
    return key != null && MessageDigest.isEqual(hash(key), expectedHash);
  }
}
