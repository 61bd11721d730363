package dev.vesper.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The data-driven check of issue 11 §1: every spelling ({@link PathSpellings}) of every protected route,
 * sent with each credential that must not pass, is refused (400, 401, 403, 404 or 405) before any
 * handler runs. One list of routes per service, one list of spellings, one list of credentials.
 */
public final class AccessSweep {
  /** What a refusal may answer: a malformed target, no or the wrong credential, no such route, wrong method. */
  public static final Set<Integer> REFUSALS = Set.of(400, 401, 403, 404, 405);

  private AccessSweep() {}

  /** A protected route: method, a concrete path (path parameters filled in) and a body that would succeed. */
  public record Route(String method, String path, String jsonBody) {
    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  /**
   * Sends every spelling of every route with every key of {@code refusedKeys} (null: no credential) and
   * asserts each is refused; returns how many requests were sent.
   */
  public static int assertRefused(int port, List<Route> routes, String... refusedKeys) {
    List<String> leaks = new ArrayList<>();
    int sent = 0;
    for (Route route : routes) {
      for (String spelling : PathSpellings.of(route.path())) {
        for (String key : refusedKeys) {
          RawHttp.Answer a = RawHttp.send(port, route.method(), spelling, key, route.jsonBody());
          sent++;
          if (!REFUSALS.contains(a.status())) {
            leaks.add(route.method() + " " + spelling + " with " + (key == null ? "no key" : "key " + key.substring(0, Math.min(8, key.length())) + "…")
                + " answered " + a.status());
          }
        }
      }
    }
    assertThat(leaks).as("protected routes reached with the wrong credential, of " + sent + " requests (keys: "
        + Arrays.asList(refusedKeys).size() + ")").isEmpty();
    return sent;
  }
}
