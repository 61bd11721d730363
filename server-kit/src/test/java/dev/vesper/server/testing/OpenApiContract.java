package dev.vesper.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vesper.core.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps a server's /openapi.json true: every route its routes class registers is documented and every
 * documented operation exists; each documented operation, called with an empty body, answers with one
 * of its documented statuses.
 */
public final class OpenApiContract {
  private OpenApiContract() {}

  /** {@code client} talks to the running server; {@code routesSources} are the routes classes' source files. */
  @SuppressWarnings("unchecked")
  public static void assertMatches(Api client, Path... routesSources) throws Exception {
    Map<String, Object> doc = client.as(null).get("/openapi.json").body();
    assertThat(doc).containsEntry("openapi", "3.0.3");
    Map<String, Object> paths = (Map<String, Object>) doc.get("paths");
    Set<String> documented = new HashSet<>();
    paths.forEach((path, ops) -> ((Map<String, Object>) ops).keySet().forEach(m -> documented.add(m.toUpperCase() + " " + path)));

    Set<String> registered = new HashSet<>(Set.of("GET /health/live", "GET /health/ready", "GET /metrics", "GET /openapi.json"));
    for (Path source : routesSources) {
      Matcher m = Pattern.compile("r\\.(get|post|put|delete)\\(\"([^\"]+)\"").matcher(Files.readString(source));
      while (m.find()) {
        registered.add(m.group(1).toUpperCase() + " " + m.group(2));
      }
    }
    assertThat(documented).isEqualTo(registered);

    for (String op : documented) {
      String method = op.substring(0, op.indexOf(' '));
      String path = op.substring(op.indexOf(' ') + 1).replaceAll("\\{[A-Za-z0-9_]+}", "nope");
      Api.Reply r = switch (method) {
        case "GET" -> client.get(path);
        case "DELETE" -> client.delete(path);
        case "PUT" -> client.put(path, "{}");
        default -> client.post(path, "{}");
      };
      Map<String, Object> responses = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) paths.get(op.substring(op.indexOf(' ') + 1)))
          .get(method.toLowerCase())).get("responses");
      assertThat(responses).as(op + " answered " + r.status() + " " + r.raw().body()).containsKey(Integer.toString(r.status()));
      if (r.status() == 404) {
        assertThat(String.valueOf(r.body().get("detail"))).as(op + " is not routed").doesNotStartWith("no such resource");
      }
    }
    assertThat(Json.write(doc)).contains("problem+json");
  }
}
