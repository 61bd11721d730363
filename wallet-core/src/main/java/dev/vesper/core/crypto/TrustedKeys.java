package dev.vesper.core.crypto;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.json.Json;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An immutable set of trusted P-256 public keys, each bound to an issuer or to none. Parsed from a JWK, a
 * JWK set (RFC 7517 §5) — bound to no issuer — or a JWT VC Issuer Metadata document
 * ({@code {"issuer": URL, "jwks": {...}}}, draft-ietf-oauth-sd-jwt-vc), exactly as an issuer serves it at
 * its {@code /.well-known/jwt-vc-issuer} URL, whose keys are bound to that {@code issuer}. Keys are looked
 * up by {@code kid}; a key without a {@code kid} also answers to its RFC 7638 thumbprint.
 */
public final class TrustedKeys implements IssuerTrust {
  /** A key and the issuer it is bound to (null: none). */
  private record Entry(PublicJwk key, String issuer) {}

  private final List<Entry> entries;

  private TrustedKeys(List<Entry> entries) {
    Set<String> kids = new HashSet<>();
    for (Entry e : entries) {
      if (e.key().kid().isPresent() && !kids.add(e.issuer() + "\n" + e.key().kid().get())) {
        throw new IllegalArgumentException("two keys trusted for " + (e.issuer() == null ? "no issuer" : e.issuer())
            + " share kid " + e.key().kid().get());
      }
    }
    this.entries = List.copyOf(entries);
  }

  /** Keys bound to no issuer. */
  public static TrustedKeys of(PublicJwk... keys) {
    return of(List.of(keys));
  }

  /** Keys bound to no issuer. */
  public static TrustedKeys of(List<PublicJwk> keys) {
    return bound(null, keys);
  }

  /** {@code keys} trusted for {@code issuer}'s tokens only (its {@code iss}, compared byte for byte). */
  public static TrustedKeys ofIssuer(String issuer, List<PublicJwk> keys) {
    return bound(Objects.requireNonNull(issuer, "issuer == null"), keys);
  }

  private static TrustedKeys bound(String issuer, List<PublicJwk> keys) {
    List<Entry> out = new ArrayList<>();
    for (PublicJwk k : keys) {
      out.add(new Entry(Objects.requireNonNull(k, "key == null"), issuer));
    }
    return new TrustedKeys(out);
  }

  /** All the keys of {@code sets}, each keeping its binding. */
  public static TrustedKeys union(Collection<TrustedKeys> sets) {
    List<Entry> out = new ArrayList<>();
    for (TrustedKeys s : sets) {
      out.addAll(s.entries);
    }
    return new TrustedKeys(out);
  }

  /**
   * Parses a JWK, a JWK set ({@code {"keys":[...]}}) or an issuer metadata document
   * ({@code {"issuer": "...", "jwks": {"keys": [...]}}}; other members are ignored, {@code jwks_uri} is not
   * supported). Private key members are refused.
   */
  public static TrustedKeys parse(String json) throws VesperException {
    Map<String, Object> object = Json.parseObject(json);
    if (object.containsKey("issuer") || object.containsKey("jwks") || object.containsKey("jwks_uri")) {
      return metadata(object);
    }
    if (!object.containsKey("keys")) {
      return of(PublicJwk.fromJson(object));
    }
    return of(jwkSet(object));
  }

  private static TrustedKeys metadata(Map<String, Object> document) throws VesperException {
    if (!(document.get("issuer") instanceof String issuer) || issuer.isEmpty()) {
      throw new VesperException(ErrorCode.KEY_INVALID_JWK, "issuer metadata needs an issuer string");
    }
    if (document.containsKey("jwks_uri")) {
      throw new VesperException(ErrorCode.KEY_UNSUPPORTED, "issuer metadata with jwks_uri is not supported: inline the keys as jwks");
    }
    if (!(document.get("jwks") instanceof Map<?, ?> jwks)) {
      throw new VesperException(ErrorCode.KEY_INVALID_JWK, "issuer metadata needs a jwks object");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> set = (Map<String, Object>) jwks;
    try {
      return ofIssuer(issuer, jwkSet(set));
    } catch (IllegalArgumentException e) {
      throw new VesperException(ErrorCode.KEY_INVALID_JWK, e.getMessage());
    }
  }

  private static List<PublicJwk> jwkSet(Map<String, Object> set) throws VesperException {
    if (!(set.get("keys") instanceof List<?> list) || list.isEmpty()) {
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
    Set<String> kids = new HashSet<>();
    for (PublicJwk k : keys) {
      if (k.kid().isPresent() && !kids.add(k.kid().get())) {
        throw new VesperException(ErrorCode.KEY_INVALID_JWK, "two keys of the set share kid " + k.kid().get());
      }
    }
    return keys;
  }

  /**
   * The key for a JWS header {@code kid}, whatever issuer it is bound to: the key with that kid (or
   * thumbprint); with no kid in the header, the only key if there is exactly one. For sets that are not
   * issuers' (KYC providers, test keys); an issuer's JWT goes through {@link #keyFor}.
   */
  public Optional<PublicJwk> select(String headerKid) {
    return pick(entries, headerKid);
  }

  @Override
  public PublicJwk keyFor(String iss, String kid) throws VesperException {
    List<Entry> candidates = new ArrayList<>();
    for (Entry e : entries) {
      if (e.issuer() == null || e.issuer().equals(iss)) {
        candidates.add(e);
      }
    }
    Optional<PublicJwk> key = pick(candidates, kid);
    if (key.isPresent()) {
      return key.get();
    }
    if (kid != null && pick(entries, kid).isPresent()) {
      throw new VesperException(ErrorCode.ISSUER_MISMATCH,
          "the key " + clip(kid) + " is trusted for another issuer than iss " + (iss == null ? "(none)" : clip(iss)));
    }
    throw new VesperException(ErrorCode.ISSUER_UNKNOWN_KEY,
        iss != null && candidates.isEmpty() ? "no key is trusted for issuer " + clip(iss) : "no trusted issuer key matches the JWT");
  }

  @Override
  public TrustedKeys keysOf(String iss) {
    List<Entry> out = new ArrayList<>();
    for (Entry e : entries) {
      if (e.issuer() == null || e.issuer().equals(iss)) {
        out.add(e);
      }
    }
    return new TrustedKeys(out);
  }

  /** The issuers keys are bound to; empty when every key is bare. */
  public Set<String> issuers() {
    Set<String> out = new LinkedHashSet<>();
    for (Entry e : entries) {
      if (e.issuer() != null) {
        out.add(e.issuer());
      }
    }
    return out;
  }

  /** True when a key with the same material is trusted (for any issuer). */
  public boolean contains(PublicJwk key) {
    for (Entry e : entries) {
      if (e.key().sameKeyAs(key)) {
        return true;
      }
    }
    return false;
  }

  public List<PublicJwk> keys() {
    List<PublicJwk> out = new ArrayList<>(entries.size());
    for (Entry e : entries) {
      out.add(e.key());
    }
    return out;
  }

  /** The JWK set form, {@code {"keys":[...]}} (the issuer bindings are not part of it). */
  public Map<String, Object> toJson() {
    List<Object> out = new ArrayList<>();
    for (Entry e : entries) {
      out.add(e.key().toJson());
    }
    return Map.of("keys", out);
  }

  private static Optional<PublicJwk> pick(List<Entry> from, String kid) {
    if (kid == null) {
      return from.size() == 1 ? Optional.of(from.get(0).key()) : Optional.empty();
    }
    for (Entry e : from) {
      if (e.key().kid().map(kid::equals).orElse(false)) {
        return Optional.of(e.key());
      }
    }
    for (Entry e : from) {
      if (e.key().kid().isEmpty() && e.key().thumbprint().equals(kid)) {
        return Optional.of(e.key());
      }
    }
    return Optional.empty();
  }

  private static String clip(String s) {
    return s.length() > 80 ? s.substring(0, 80) + "…" : s;
  }
}
