package dev.vesper.core.crypto;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.json.Json;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An immutable set of trusted P-256 public keys, from a JWK or a JWK set (RFC 7517 §5). Keys are
 * looked up by {@code kid}; a key without a {@code kid} also answers to its RFC 7638 thumbprint.
 */
public final class TrustedKeys {
  private final List<PublicJwk> keys;

  private TrustedKeys(List<PublicJwk> keys) {
    this.keys = List.copyOf(keys);
  }

  public static TrustedKeys of(PublicJwk... keys) {
    return of(List.of(keys));
  }

  public static TrustedKeys of(List<PublicJwk> keys) {
    Set<String> kids = new HashSet<>();
    for (PublicJwk key : keys) {
      if (key.kid().isPresent() && !kids.add(key.kid().get())) {
        throw new IllegalArgumentException("two trusted keys share kid " + key.kid().get());
      }
    }
    return new TrustedKeys(keys);
  }

  /** Parses a single JWK or a JWK set ({@code {"keys":[...]}}); private members are refused. */
  public static TrustedKeys parse(String json) throws VesperException {
    Map<String, Object> object = Json.parseObject(json);
    if (!object.containsKey("keys")) {
      return of(PublicJwk.fromJson(object));
    }
    if (!(object.get("keys") instanceof List<?> list) || list.isEmpty()) {
      throw new VesperException(ErrorCode.KEY_INVALID_JWK, "a JWK set needs a non-empty keys array");
    }
    List<PublicJwk> keys = new ArrayList<>();
    for (Object entry : list) {
      if (!(entry instanceof Map)) {
        throw new VesperException(ErrorCode.KEY_INVALID_JWK, "every JWK set entry must be an object");
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> jwk = (Map<String, Object>) entry;
      keys.add(PublicJwk.fromJson(jwk));
    }
    try {
      return of(keys);
    } catch (IllegalArgumentException e) {
      throw new VesperException(ErrorCode.KEY_INVALID_JWK, e.getMessage());
    }
  }

  /**
   * The key for a JWS header {@code kid}: the key with that kid (or thumbprint); with no kid in the
   * header, the only key if there is exactly one.
   */
  public Optional<PublicJwk> select(String headerKid) {
    if (headerKid == null) {
      return keys.size() == 1 ? Optional.of(keys.get(0)) : Optional.empty();
    }
    for (PublicJwk key : keys) {
      if (key.kid().map(headerKid::equals).orElse(false)) {
        return Optional.of(key);
      }
    }
    for (PublicJwk key : keys) {
      if (key.kid().isEmpty() && key.thumbprint().equals(headerKid)) {
        return Optional.of(key);
      }
    }
    return Optional.empty();
  }

  /** True when a key with the same material is trusted. */
  public boolean contains(PublicJwk key) {
    for (PublicJwk k : keys) {
      if (k.sameKeyAs(key)) {
        return true;
      }
    }
    return false;
  }

  public List<PublicJwk> keys() {
    return keys;
  }

  /** The JWK set form, {@code {"keys":[...]}}. */
  public Map<String, Object> toJson() {
    List<Object> out = new ArrayList<>();
    for (PublicJwk k : keys) {
      out.add(k.toJson());
    }
    return Map.of("keys", out);
  }
}
