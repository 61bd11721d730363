package dev.vesper.core.dcql;

import dev.vesper.core.sdjwt.ClaimPath;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One claim of a DCQL credential query (OpenID4VP §6.3): an optional {@code id}, a claims path pointer
 * (§7: member names, non-negative indexes, {@code null} for every element of an array) and optional
 * {@code values}. Immutable.
 *
 * @param id the claim id, or null (required only when the credential query has {@code claim_sets})
 * @param path the pointer; each segment a {@code String}, a non-negative {@code Integer} or null
 * @param values the acceptable values (strings, integers, booleans), or null for any
 */
public record ClaimQuery(String id, List<Object> path, List<Object> values) {
  public ClaimQuery {
    Objects.requireNonNull(path, "path == null");
    path = Collections.unmodifiableList(new ArrayList<>(path)); // List.copyOf refuses the null wildcard
    values = values == null ? null : List.copyOf(values);
  }

  /**
   * The concrete paths this pointer selects in {@code claims} (§7.1) whose value {@code matcher} accepts
   * against {@code values}; empty when nothing matches. A segment that meets the wrong type (a name on
   * an array, an index on an object) selects nothing: the spec's processing error, for a holder, means
   * this credential does not answer the query.
   */
  public List<ClaimPath> select(Map<String, Object> claims, ValueMatcher matcher) {
    List<List<Object>> selected = List.of(List.of());
    List<Object> nodes = List.of(claims);
    for (Object segment : path) {
      List<List<Object>> nextPaths = new ArrayList<>();
      List<Object> nextNodes = new ArrayList<>();
      for (int i = 0; i < nodes.size(); i++) {
        Object node = nodes.get(i);
        List<Object> at = selected.get(i);
        if (segment instanceof String name) {
          if (!(node instanceof Map<?, ?> m)) {
            return List.of();
          }
          if (m.containsKey(name)) {
            nextPaths.add(append(at, name));
            nextNodes.add(m.get(name));
          }
        } else if (segment instanceof Integer index) {
          if (!(node instanceof List<?> l)) {
            return List.of();
          }
          if (index < l.size()) {
            nextPaths.add(append(at, index));
            nextNodes.add(l.get(index));
          }
        } else {
          if (!(node instanceof List<?> l)) {
            return List.of();
          }
          for (int j = 0; j < l.size(); j++) {
            nextPaths.add(append(at, j));
            nextNodes.add(l.get(j));
          }
        }
      }
      selected = nextPaths;
      nodes = nextNodes;
    }
    List<ClaimPath> out = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      ClaimPath p = new ClaimPath(selected.get(i));
      if (values == null || anyMatches(matcher, p, nodes.get(i))) {
        out.add(p);
      }
    }
    return out;
  }

  private boolean anyMatches(ValueMatcher matcher, ClaimPath at, Object value) {
    for (Object wanted : values) {
      if (matcher.matches(at, value, wanted)) {
        return true;
      }
    }
    return false;
  }

  private static List<Object> append(List<Object> path, Object segment) {
    List<Object> out = new ArrayList<>(path.size() + 1);
    out.addAll(path);
    out.add(segment);
    return out;
  }
}
