package dev.vesper.core.sdjwt;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A path to a claim in the processed payload, in the shape of SD-JWT VC / DCQL claim paths: each
 * segment a member name ({@code String}) or an array index ({@code Integer}). Immutable.
 *
 * @param segments the non-empty list of segments
 */
public record ClaimPath(List<Object> segments) {
  public ClaimPath {
    segments = List.copyOf(segments);
    if (segments.isEmpty()) {
      throw new IllegalArgumentException("a claim path has at least one segment");
    }
    for (Object s : segments) {
      if (!(s instanceof String) && !(s instanceof Integer i && i >= 0)) {
        throw new IllegalArgumentException("a claim path segment is a name or a non-negative index: " + s);
      }
    }
  }

  public static ClaimPath of(Object... segments) {
    return new ClaimPath(List.of(segments));
  }

  /** The path with {@code segment} appended. */
  public ClaimPath child(Object segment) {
    List<Object> out = new ArrayList<>(segments.size() + 1);
    out.addAll(segments);
    out.add(segment);
    return new ClaimPath(out);
  }

  /** True when this path equals {@code prefix} or lies below it. */
  public boolean startsWith(ClaimPath prefix) {
    return segments.size() >= prefix.segments.size()
        && segments.subList(0, prefix.segments.size()).equals(prefix.segments);
  }

  /** True when this path names a value inside the JSON tree {@code root}. */
  public boolean existsIn(Object root) {
    Object current = root;
    for (Object segment : segments) {
      if (segment instanceof String name && current instanceof Map<?, ?> map && map.containsKey(name)) {
        current = map.get(name);
      } else if (segment instanceof Integer i && current instanceof List<?> list && i < list.size()) {
        current = list.get(i);
      } else {
        return false;
      }
    }
    return true;
  }

  public Object first() {
    return segments.get(0);
  }

  /** Dot notation: {@code address.locality}, {@code tn.0}. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    for (Object s : segments) {
      if (out.length() > 0) {
        out.append('.');
      }
      out.append(Objects.toString(s));
    }
    return out.toString();
  }
}
