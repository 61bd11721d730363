package dev.vesper.core.sdjwt;

import dev.vesper.core.json.Base64Url;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * The randomness issuance needs: 128-bit salts, decoy digests and decoy counts. Injected so that tests
 * are deterministic; production uses {@link #secure()}.
 */
public interface Randomness {
  /** Fills {@code out} with random bytes. */
  void nextBytes(byte[] out);

  /** A uniformly random int in {@code [0, bound)}. */
  int nextInt(int bound);

  /** A fresh salt: base64url of 16 random bytes (128 bits, RFC 9901 §9.3). */
  default String newSalt() {
    byte[] salt = new byte[16];
    nextBytes(salt);
    return Base64Url.encode(salt);
  }

  /** Randomness from a {@link SecureRandom}. */
  static Randomness secure() {
    return from(new SecureRandom());
  }

  /** Randomness from the given {@link SecureRandom} (tests pass a seeded one). */
  static Randomness from(SecureRandom random) {
    Objects.requireNonNull(random, "random == null");
    return new Randomness() {
      @Override
      public void nextBytes(byte[] out) {
        random.nextBytes(out);
      }

      @Override
      public int nextInt(int bound) {
        return random.nextInt(bound);
      }
    };
  }
}
