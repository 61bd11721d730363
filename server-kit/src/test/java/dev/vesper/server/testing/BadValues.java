package dev.vesper.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vesper.core.error.VesperException;
import dev.vesper.core.json.Json;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The bad-value walk of issue 11 §6: every route of a service, with each member of a body that works
 * replaced in turn by each value of one list of bad values (empty, overlong, negative, huge, of the
 * wrong type, null), each member removed, an unknown member added, and each path parameter spelled
 * badly. Every answer must be a 4xx (or the route's success): never a 5xx, never no answer.
 */
public final class BadValues {
  /** The values every member of every body meets. */
  public static final List<Object> VALUES = List.of(
      "", " ", "a".repeat(300), "a".repeat(1025), "a".repeat(5000), "\u0000", "\uD83D\uDE00", "-1", "+",
      -1L, 0L, Long.MAX_VALUE, Long.MIN_VALUE, 1.5, 1e300, true, List.of(), List.of(List.of()), Map.of());
  /** What path parameters are replaced by (raw, as they go on the wire). */
  public static final List<String> PATH_VALUES = List.of("a".repeat(300), "%00", "%2e%2e", "-1", "%F0%9F%98%80", "%27", "a%20b", "%C0%AF");

  private BadValues() {}

  /**
   * One route: its documented template ({@code /v1/tokens/{id}}), the concrete path it is called at (with
   * its query, whose values are walked too), the bearer key to call it with (null: none) and a body that
   * the route accepts or that is at least well formed (null: the route takes no body): JSON, or a form
   * ({@code a=1&b=2}) when {@link #form} says so.
   */
  public record Route(String method, String template, String path, String key, String goodBody, boolean form) {
    public Route {
      if (goodBody != null && !form) {
        Json.write(parse(goodBody)); // a typo in a test's body fails here, not as a silent 400 walk
      }
    }

    /** A route with a JSON body (or none). */
    public Route(String method, String template, String path, String key, String goodBody) {
      this(method, template, path, key, goodBody, false);
    }

    @Override
    public String toString() {
      return method + " " + template;
    }
  }

  /**
   * Asserts that {@code routes} cover every operation of {@code openApi} except the operations endpoints,
   * then walks them; returns the number of requests sent.
   */
  @SuppressWarnings("unchecked")
  public static int assertNoServerErrors(int port, Map<String, Object> openApi, List<Route> routes) {
    Set<String> documented = new TreeSet<>();
    ((Map<String, Object>) openApi.get("paths")).forEach((path, ops) -> ((Map<String, Object>) ops).keySet()
        .forEach(m -> documented.add(m.toUpperCase() + " " + path)));
    documented.removeAll(Set.of("GET /health/live", "GET /health/ready", "GET /metrics", "GET /openapi.json"));
    Set<String> walked = new TreeSet<>();
    routes.forEach(r -> walked.add(r.method() + " " + r.template()));
    assertThat(walked).as("every documented route is walked").containsAll(documented);

    List<String> failures = new ArrayList<>();
    int sent = 0;
    for (Route r : routes) {
      for (String body : r.form() ? forms(r.goodBody()) : bodies(r.goodBody())) {
        sent += check(port, r, r.path(), body, failures);
      }
      for (String path : paths(r)) {
        sent += check(port, r, path, r.goodBody(), failures);
      }
    }
    assertThat(failures).as("answers of " + sent + " bad requests that were server errors").isEmpty();
    return sent;
  }

  private static int check(int port, Route r, String path, String body, List<String> failures) {
    RawHttp.Answer a = RawHttp.send(port, r.method(), path, r.key(), r.form() ? "application/x-www-form-urlencoded" : "application/json", body);
    if (a.status() >= 500) {
      String shown = body == null ? "" : body.length() > 120 ? body.substring(0, 120) + "…" : body;
      failures.add(r.method() + " " + (path.length() > 80 ? path.substring(0, 80) + "…" : path) + " " + shown + " -> " + a.status()
          + " " + a.text().substring(Math.max(0, a.text().indexOf("\r\n\r\n"))).strip());
    }
    return 1;
  }

  /** The good body with each node replaced by each bad value, each member removed, and one unknown member added. */
  static List<String> bodies(String goodBody) {
    if (goodBody == null) {
      return List.of();
    }
    Object root = parse(goodBody);
    List<String> out = new ArrayList<>();
    for (List<Object> at : nodes(root, new ArrayList<>())) {
      for (Object bad : VALUES) {
        out.add(Json.write(replaced(root, at, 0, bad, false)));
      }
      if (at.get(at.size() - 1) instanceof String) {
        out.add(Json.write(replaced(root, at, 0, null, true)));
      }
    }
    if (root instanceof Map<?, ?> m) {
      Map<String, Object> extra = new LinkedHashMap<>(cast(m));
      extra.put("unexpected_member", "x");
      out.add(Json.write(extra));
    }
    out.add("null");
    out.add("[]");
    return out;
  }

  /** The form with each value replaced by each bad value (URL-encoded), and each field removed. */
  static List<String> forms(String goodForm) {
    List<String> out = new ArrayList<>();
    String[] fields = goodForm.split("&");
    for (int i = 0; i < fields.length; i++) {
      String name = fields[i].substring(0, fields[i].indexOf('='));
      for (Object bad : VALUES) {
        String[] copy = fields.clone();
        copy[i] = name + "=" + URLEncoder.encode(bad instanceof String s ? s : Json.write(bad), StandardCharsets.UTF_8);
        out.add(String.join("&", copy));
      }
      List<String> without = new ArrayList<>(List.of(fields));
      without.remove(i);
      out.add(String.join("&", without));
    }
    out.add(goodForm + "&" + fields[0]); // a field twice
    return out;
  }

  /** The concrete path with each {@code {param}} of the template, and each query value, replaced by each bad path value. */
  static List<String> paths(Route r) {
    int q = r.path().indexOf('?');
    String query = q < 0 ? null : r.path().substring(q + 1);
    String[] template = r.template().split("/", -1);
    String[] path = (q < 0 ? r.path() : r.path().substring(0, q)).split("/", -1);
    List<String> out = new ArrayList<>();
    if (query != null) {
      String[] params = query.split("&");
      for (int i = 0; i < params.length; i++) {
        for (String bad : PATH_VALUES) {
          String[] copy = params.clone();
          copy[i] = params[i].substring(0, params[i].indexOf('=') + 1) + bad;
          out.add(String.join("/", path) + "?" + String.join("&", copy));
        }
      }
    }
    for (int i = 0; i < template.length && i < path.length; i++) {
      if (template[i].startsWith("{") || template[i].startsWith("<")) {
        for (String bad : PATH_VALUES) {
          String[] copy = path.clone();
          copy[i] = bad;
          out.add(String.join("/", copy) + (query == null ? "" : "?" + query));
        }
      }
    }
    return out;
  }

  private static List<List<Object>> nodes(Object node, List<Object> at) {
    List<List<Object>> out = new ArrayList<>();
    if (node instanceof Map<?, ?> m) {
      for (Map.Entry<?, ?> e : m.entrySet()) {
        List<Object> child = new ArrayList<>(at);
        child.add(e.getKey());
        out.add(child);
        out.addAll(nodes(e.getValue(), child));
      }
    } else if (node instanceof List<?> l) {
      for (int i = 0; i < l.size(); i++) {
        List<Object> child = new ArrayList<>(at);
        child.add(i);
        out.add(child);
        out.addAll(nodes(l.get(i), child));
      }
    }
    return out;
  }

  private static Object replaced(Object node, List<Object> at, int depth, Object value, boolean remove) {
    Object key = at.get(depth);
    boolean last = depth == at.size() - 1;
    if (node instanceof Map<?, ?> m) {
      Map<String, Object> copy = new LinkedHashMap<>(cast(m));
      if (last && remove) {
        copy.remove(key);
      } else {
        copy.put((String) key, last ? value : replaced(copy.get(key), at, depth + 1, value, remove));
      }
      return copy;
    }
    List<Object> copy = new ArrayList<>((List<?>) node);
    int i = (Integer) key;
    copy.set(i, last ? value : replaced(copy.get(i), at, depth + 1, value, remove));
    return copy;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> cast(Map<?, ?> m) {
    return (Map<String, Object>) m;
  }

  private static Object parse(String json) {
    try {
      return Json.parse(json.getBytes(StandardCharsets.UTF_8));
    } catch (VesperException e) {
      throw new IllegalArgumentException("not JSON: " + json, e);
    }
  }
}
