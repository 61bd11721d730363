package dev.vesper.server.store;

import dev.vesper.core.crypto.Sha256;
import dev.vesper.core.json.Base64Url;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/** Random identifiers and API keys; API keys are stored only as SHA-256 hashes. */
public final class Ids {
  private static final SecureRandom RANDOM = new SecureRandom();

  private Ids() {}

  /** {@code prefix_} plus 96 random bits, base64url. */
  public static String newId(String prefix) {
    byte[] b = new byte[12];
    RANDOM.nextBytes(b);
    return prefix + "_" + Base64Url.encode(b);
  }

  /** A new API key: {@code vsk_} plus 256 random bits. Shown once; never stored. */
  public static String newApiKey() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return "vsk_" + Base64Url.encode(b);
  }

  /** The stored form of an API key. Keys carry 256 bits of entropy, so a plain hash suffices. */
  public static String hashApiKey(String apiKey) {
    return Base64Url.encode(Sha256.digest(apiKey.getBytes(StandardCharsets.UTF_8)));
  }

}
