package dev.vesper.core.sdjwt;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.json.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * RFC 9901 §7.1 steps 3 to 5, strictly: every embedded digest is replaced by its disclosure or dropped;
 * a digest seen twice, a disclosure never referenced, a disclosure of the wrong kind for where it is
 * referenced, a claim name that collides, a malformed {@code _sd} or {@code ...} embedding, a nested
 * {@code _sd_alg}: each is refused with its own {@link ErrorCode}. A disclosure sent twice never gets
 * here: {@link SdJwt#parse} refuses it before decoding. Recursion is bounded by {@link Limits#maxDepth()}.
 * A step of {@link SdJwtVerifier}. Stateless and thread-safe.
 */
final class DisclosureProcessor {
  private DisclosureProcessor() {}

  /**
   * Processes the issuer JWT payload of {@code token} against its disclosures, reading {@code _sd_alg} as
   * {@code sdAlg} says.
   */
  static ProcessedPayload process(SdJwt token, Limits limits, TokenRules.SdAlg sdAlg) throws VesperException {
    Map<String, Object> payload = token.issuerJwt().payload();
    List<Disclosure> disclosures = token.disclosures();
    sdAlg.check(payload);
    Map<String, Disclosure> byDigest = new HashMap<>(disclosures.size() * 2);
    for (Disclosure d : disclosures) {
      byDigest.put(d.digest(), d); // distinct: SdJwt.parse refused a disclosure sent twice
    }
    Walk walk = new Walk(byDigest, limits.maxDepth());
    Map<String, Object> claims = walk.object(payload, null, null, 0, true);
    if (walk.used.size() != byDigest.size()) {
      for (Disclosure d : disclosures) {
        if (!walk.used.contains(d.digest())) {
          throw new VesperException(
              ErrorCode.DISCLOSURE_UNREFERENCED, "a disclosure is not referenced by any digest (RFC 9901 §7.1 step 5)");
        }
      }
    }
    return new ProcessedPayload(Json.freezeMap(claims), walk.disclosed);
  }

  /** One processing run: digests seen, disclosures used, where they went. */
  private static final class Walk {
    private final Map<String, Disclosure> byDigest;
    private final int maxDepth;
    private final Set<String> seen = new HashSet<>();
    private final Set<String> used = new HashSet<>();
    private final List<DisclosedClaim> disclosed = new ArrayList<>();

    Walk(Map<String, Disclosure> byDigest, int maxDepth) {
      this.byDigest = byDigest;
      this.maxDepth = maxDepth;
    }

    Map<String, Object> object(
        Map<String, Object> in, ClaimPath path, Disclosure parent, int depth, boolean topLevel)
        throws VesperException {
      checkDepth(depth);
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<String, Object> e : in.entrySet()) {
        String key = e.getKey();
        if (key.equals(Disclosure.SD)) {
          continue;
        }
        if (key.equals(TokenRules.SdAlg.CLAIM)) {
          if (!topLevel) {
            throw new VesperException(ErrorCode.DISCLOSURE_BAD_EMBEDDING, "_sd_alg may only appear at the top level");
          }
          continue;
        }
        if (key.equals(Disclosure.ELLIPSIS)) {
          throw new VesperException(
              ErrorCode.DISCLOSURE_BAD_EMBEDDING, "'...' may only appear as the single key of an array element");
        }
        out.put(key, value(e.getValue(), child(path, key), parent, depth + 1));
      }
      Object sd = in.get(Disclosure.SD);
      if (sd == null) {
        if (in.containsKey(Disclosure.SD)) {
          throw new VesperException(ErrorCode.DISCLOSURE_BAD_EMBEDDING, "_sd must be an array of digest strings");
        }
        return out;
      }
      if (!(sd instanceof List<?> digests)) {
        throw new VesperException(ErrorCode.DISCLOSURE_BAD_EMBEDDING, "_sd must be an array of digest strings");
      }
      for (Object digestValue : digests) {
        if (!(digestValue instanceof String digest)) {
          throw new VesperException(ErrorCode.DISCLOSURE_BAD_EMBEDDING, "_sd must be an array of digest strings");
        }
        Disclosure d = claim(digest);
        if (d == null) {
          continue;
        }
        if (d.isArrayElement()) {
          throw new VesperException(
              ErrorCode.DISCLOSURE_WRONG_KIND, "an array-element disclosure is referenced from _sd");
        }
        if (out.containsKey(d.name())) {
          throw new VesperException(
              ErrorCode.DISCLOSURE_NAME_COLLISION, "disclosed claim '" + d.name() + "' already exists at that level");
        }
        ClaimPath at = child(path, d.name());
        disclosed.add(new DisclosedClaim(at, d, parent));
        out.put(d.name(), value(d.value(), at, d, depth + 1));
      }
      return out;
    }

    List<Object> array(List<?> in, ClaimPath path, Disclosure parent, int depth) throws VesperException {
      checkDepth(depth);
      List<Object> out = new ArrayList<>(in.size());
      for (Object element : in) {
        if (element instanceof Map<?, ?> map && map.containsKey(Disclosure.ELLIPSIS)) {
          if (map.size() != 1 || !(map.get(Disclosure.ELLIPSIS) instanceof String digest)) {
            throw new VesperException(
                ErrorCode.DISCLOSURE_BAD_EMBEDDING, "an array element digest is exactly {\"...\": \"<digest>\"}");
          }
          Disclosure d = claim(digest);
          if (d == null) {
            continue;
          }
          if (!d.isArrayElement()) {
            throw new VesperException(
                ErrorCode.DISCLOSURE_WRONG_KIND, "an object-property disclosure is referenced as an array element");
          }
          ClaimPath at = child(path, out.size());
          disclosed.add(new DisclosedClaim(at, d, parent));
          out.add(value(d.value(), at, d, depth + 1));
        } else {
          out.add(value(element, child(path, out.size()), parent, depth + 1));
        }
      }
      return out;
    }

    private Object value(Object v, ClaimPath path, Disclosure parent, int depth) throws VesperException {
      if (v instanceof Map<?, ?>) {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) v;
        return object(map, path, parent, depth, false);
      }
      if (v instanceof List<?> list) {
        return array(list, path, parent, depth);
      }
      return v;
    }

    /** Records {@code digest} as seen (step 4) and returns its disclosure if one was presented. */
    private Disclosure claim(String digest) throws VesperException {
      if (!seen.add(digest)) {
        throw new VesperException(
            ErrorCode.DISCLOSURE_DUPLICATE_DIGEST, "a digest appears more than once (RFC 9901 §7.1 step 4)");
      }
      Disclosure d = byDigest.get(digest);
      if (d != null) {
        used.add(digest);
      }
      return d;
    }

    private void checkDepth(int depth) throws VesperException {
      if (depth > maxDepth) {
        throw new VesperException(ErrorCode.PARSE_TOO_DEEP, "claims nest deeper than " + maxDepth + " levels");
      }
    }

    private static ClaimPath child(ClaimPath path, Object segment) {
      return path == null ? ClaimPath.of(segment) : path.child(segment);
    }
  }
}
