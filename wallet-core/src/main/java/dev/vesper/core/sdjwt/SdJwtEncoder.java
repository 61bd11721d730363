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
 * Not thread-safe per call (it consumes the injected randomness); the class itself has no state.
 */
public final class SdJwtEncoder {
  private final Randomness random;
  private final boolean decoys;

  private SdJwtEncoder(Randomness random, boolean decoys) {
    this.random = Objects.requireNonNull(random, "random == null");
    this.decoys = decoys;
  }

  /** An encoder with decoys, the default. */
  public static SdJwtEncoder withDecoys(Randomness random) {
    return new SdJwtEncoder(random, true);
  }

  /** An encoder without decoys: for tests that assert the exact digest layout. */
  public static SdJwtEncoder withoutDecoys(Randomness random) {
    return new SdJwtEncoder(random, false);
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
        Disclosure d = Disclosure.ofProperty(random.newSalt(), e.getKey(), encodeValue(e.getValue(), out));
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

  private Object encodeValue(Object value, List<Disclosure> out) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> encoded = new LinkedHashMap<>();
      List<String> digests = new ArrayList<>();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        Disclosure d = Disclosure.ofProperty(random.newSalt(), (String) e.getKey(), encodeValue(e.getValue(), out));
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
        int count = random.nextInt(3);
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
