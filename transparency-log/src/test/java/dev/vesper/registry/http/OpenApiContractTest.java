package dev.vesper.registry.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vesper.core.json.Json;
import dev.vesper.core.log.NoteSigner;
import dev.vesper.core.testing.Fixtures;
import dev.vesper.registry.RegistryConfig;
import dev.vesper.registry.RegistryServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps /openapi.json true: every registered route is documented, every documented operation exists, and
 * each answers a naive request with one of its documented statuses.
 */
class OpenApiContractTest {
  @TempDir Path dir;

  @Test
  @SuppressWarnings("unchecked")
  void documentMatchesTheRoutes() throws Exception {
    NoteSigner key = NoteSigner.fromSeed("contract.example/log", new byte[32]);
    try (RegistryServer server = RegistryServer.start(new RegistryConfig("127.0.0.1", 0, dir, null, key,
        List.of(Fixtures.issuerKey().publicJwk()), Clock.systemUTC()))) {
      HttpClient http = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + server.port();
      Map<String, Object> doc = Json.parseObject(http.send(HttpRequest.newBuilder(URI.create(base + "/openapi.json")).build(),
          HttpResponse.BodyHandlers.ofByteArray()).body());
      assertThat(doc).containsEntry("openapi", "3.0.3");
      Map<String, Object> paths = (Map<String, Object>) doc.get("paths");
      Set<String> documented = new HashSet<>();
      paths.forEach((path, ops) -> ((Map<String, Object>) ops).keySet().forEach(m -> documented.add(m.toUpperCase() + " " + path)));

      Set<String> registered = new HashSet<>(Set.of("GET /health/live", "GET /health/ready", "GET /metrics", "GET /openapi.json"));
      for (String file : List.of("LogRoutes.java", "RegistryRoutes.java")) {
        String routes = Files.readString(Path.of("src/main/java/dev/vesper/registry/http/" + file));
        Matcher m = Pattern.compile("r\\.(get|post|put|delete)\\(\"([^\"]+)\"").matcher(routes);
        while (m.find()) {
          registered.add(m.group(1).toUpperCase() + " " + m.group(2).replace("<path>", "{path}"));
        }
      }
      assertThat(documented).isEqualTo(registered);

      for (String op : documented) {
        String method = op.substring(0, op.indexOf(' '));
        String template = op.substring(op.indexOf(' ') + 1);
        String path = template.replaceAll("\\{[a-z0-9]+}", "nope");
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(base + path));
        HttpResponse<String> r = http.send(method.equals("POST") ? req.POST(HttpRequest.BodyPublishers.ofString("{}")).build() : req.build(),
            HttpResponse.BodyHandlers.ofString());
        Map<String, Object> responses =
            (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) paths.get(template)).get(method.toLowerCase())).get("responses");
        assertThat(responses).as(op + " answered " + r.statusCode() + " " + r.body()).containsKey(Integer.toString(r.statusCode()));
        if (r.statusCode() == 404) {
          assertThat(r.body()).as(op + " is routed").doesNotContain("no such resource");
        }
      }
    }
  }
}
