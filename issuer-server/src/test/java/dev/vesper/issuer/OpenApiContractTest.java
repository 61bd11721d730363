package dev.vesper.issuer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vesper.core.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps /openapi.json true: every route the server registers is documented and every documented
 * operation exists; each documented operation answers with one of its documented statuses.
 */
class OpenApiContractTest {
  @TempDir Path dir;

  @Test
  @SuppressWarnings("unchecked")
  void documentMatchesTheRoutes() throws Exception {
    try (IssuerHarness h = new IssuerHarness("sqlite", dir)) {
      Api t = h.register(IssuerHarness.ACME);
      Map<String, Object> doc = t.as(null).get("/openapi.json").body();
      assertThat(doc).containsEntry("openapi", "3.0.3");
      Map<String, Object> paths = (Map<String, Object>) doc.get("paths");
      Set<String> documented = new HashSet<>();
      paths.forEach((path, ops) -> ((Map<String, Object>) ops).keySet().forEach(m -> documented.add(m.toUpperCase() + " " + path)));

      String routes = Files.readString(Path.of("src/main/java/dev/vesper/issuer/http/IssuerRoutes.java"));
      Matcher m = Pattern.compile("r\\.(get|post|put|delete)\\(\"([^\"]+)\"").matcher(routes);
      Set<String> registered = new HashSet<>(Set.of("GET /health/live", "GET /health/ready", "GET /metrics", "GET /openapi.json"));
      while (m.find()) {
        registered.add(m.group(1).toUpperCase() + " " + m.group(2));
      }
      assertThat(documented).isEqualTo(registered);

      for (String op : documented) {
        String method = op.substring(0, op.indexOf(' '));
        String path = op.substring(op.indexOf(' ') + 1).replace("{id}", "nope");
        Api.Reply r = switch (method) {
          case "GET" -> t.get(path);
          case "DELETE" -> t.delete(path);
          case "PUT" -> t.put(path, "{}");
          default -> t.post(path, "{}");
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
}
