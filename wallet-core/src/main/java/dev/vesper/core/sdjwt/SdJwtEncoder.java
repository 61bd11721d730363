package dev.vesper.core.sdjwt;

import dev.vesper.core.crypto.Sha256;
import dev.vesper.core.json.Base64Url;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Makes a claim tree selectively disclosable (RFC 9901 §4.2): every member not listed as always
 * visible becomes a property disclosure; object values are made disclosable member by member,
 * recursively; each element of an array becomes its own array-element disclosure (its value kept as
 * is). With decoys on, every {@code _sd} array gets 1 to 3 decoy digests and every array 0 to 2 decoy
 * elements, counts and positions random; {@code _sd} arrays are sorted so that order reveals nothing.
 * Arrays named in {@link #padToBuckets} are padded with decoy elements to a bucket size instead (the
 * next power of two, at least the minimum), so their length tells only the bucket.
 * Not thread-safe per call (it consumes the injected randomness); the class itself has no state.
 */
public final class SdJwtEncoder {
  private final Randomness random;
  private final boolean decoys;
  private final Set<String> bucketed;
  private final int minimumBucket;

  private SdJwtEncoder(Randomness random, boolean decoys, Set<String> bucketed, int minimumBucket) {
    this.random = Objects.requireNonNull(random, "random == null");
    this.decoys = decoys;
    this.bucketed = Set.copyOf(bucketed);
    this.minimumBucket = minimumBucket;
  }

  /** An encoder with decoys, the default. */
  public static SdJwtEncoder withDecoys(Randomness random) {
    return new SdJwtEncoder(random, true, Set.of(), 1);
  }

  /** An encoder without decoys (and without padding): for tests that assert the exact digest layout. */
  public static SdJwtEncoder withoutDecoys(Randomness random) {
    return new SdJwtEncoder(random, false, Set.of(), 1);
  }

  /**
   * The same encoder padding the arrays that are the values of the top-level claims {@code names} with
   * decoy elements up to {@link #bucket}{@code (n, minimum)} elements, where {@code n} is the number of
   * real elements; other arrays keep their 0 to 2 random decoys. Ignored without decoys.
   */
  public SdJwtEncoder padToBuckets(Set<String> names, int minimum) {
    if (minimum < 1 || Integer.bitCount(minimum) != 1) {
      throw new IllegalArgumentException("the minimum bucket is a power of two");
    }
    return new SdJwtEncoder(random, decoys, names, minimum);
  }

  /** The smallest power of two that is at least {@code n} and at least {@code minimum} (a power of two). */
  public static int bucket(int n, int minimum) {
    if (n < 0 || n > 1 << 30) {
      throw new IllegalArgumentException("n out of range: " + n);
    }
    int pow = n <= 1 ? 1 : Integer.highestOneBit(n - 1) << 1;
    return Math.max(pow, minimum);
  }

  /** The encoded payload and the disclosures the holder receives. */
  public record Encoded(Map<String, Object> payload, List<Disclosure> disclosures) {
    public Encoded {
      disclosures = List.copyOf(disclosures);
    }
  }

  /**
   * Encodes {@code claims}; top-level members named in {@code alwaysVisible} stay plain. The returned
   * payload has {@code _sd_alg} set to sha-256 and is a fresh mutable map the caller may extend with
   * further plain claims.
   */
  public Encoded encode(Map<String, Object> claims, Set<String> alwaysVisible) {
    List<Disclosure> out = new ArrayList<>();
    Map<String, Object> payload = new LinkedHashMap<>();
    List<String> digests = new ArrayList<>();
    for (Map.Entry<String, Object> e : claims.entrySet()) {
      if (alwaysVisible.contains(e.getKey())) {
        payload.put(e.getKey(), e.getValue());
      } else {
        Disclosure d = Disclosure.ofProperty(random.newSalt(), e.getKey(), encodeValue(e.getValue(), out, bucketed.contains(e.getKey())));
        out.add(d);
        digests.add(d.digest());
      }
    }
    if (!digests.isEmpty()) {
      payload.put(Disclosure.SD, sealDigests(digests));
    }
    payload.put(TokenRules.SdAlg.CLAIM, TokenRules.SdAlg.SHA_256);
    return new Encoded(payload, out);
  }

  /** {@code padded}: this value is a top-level array named in {@link #padToBuckets}. */
  private Object encodeValue(Object value, List<Disclosure> out, boolean padded) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> encoded = new LinkedHashMap<>();
      List<String> digests = new ArrayList<>();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        Disclosure d = Disclosure.ofProperty(random.newSalt(), (String) e.getKey(), encodeValue(e.getValue(), out, false));
        out.add(d);
        digests.add(d.digest());
      }
      if (!digests.isEmpty() || decoys) {
        encoded.put(Disclosure.SD, sealDigests(digests));
      }
      return encoded;
    }
    if (value instanceof List<?> list) {
      List<Object> encoded = new ArrayList<>();
      for (Object element : list) {
        Disclosure d = Disclosure.ofElement(random.newSalt(), element);
        out.add(d);
        encoded.add(Map.of(Disclosure.ELLIPSIS, d.digest()));
      }
      if (decoys) {
        int count = padded ? bucket(list.size(), minimumBucket) - list.size() : random.nextInt(3);
        for (int i = 0; i < count; i++) {
          encoded.add(random.nextInt(encoded.size() + 1), Map.of(Disclosure.ELLIPSIS, decoyDigest()));
        }
      }
      return encoded;
    }
    return value;
  }

  private List<String> sealDigests(List<String> digests) {
    List<String> all = new ArrayList<>(digests);
    if (decoys) {
      int count = 1 + random.nextInt(3);
      for (int i = 0; i < count; i++) {
        all.add(decoyDigest());
      }
    }
    Collections.sort(all);
    return all;
  }

  /** A decoy: the digest of fresh random bytes, indistinguishable from a real digest (RFC 9901 §4.2.5). */
  private String decoyDigest() {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    return Sha256.base64UrlOfAscii(Base64Url.encode(bytes));
  }
}
