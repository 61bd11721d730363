package dev.vesper.holder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vesper.core.crypto.PublicJwk;
import dev.vesper.core.json.Json;
import dev.vesper.core.sdjwt.Randomness;
import dev.vesper.core.testing.Fixtures;
import dev.vesper.core.token.IdentityAttributes;
import dev.vesper.core.token.TokenIssuer;
import dev.vesper.server.testing.Api;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 during a burst of imports, then a restart on the same data: every acknowledged import is
 * there and readable, and no row is half-written (every listed token decrypts and describes).
 */
class CrashDurabilityTest {
  @TempDir Path dir;

  private static Process startChild(Path data) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", System.getProperty("java.class.path"),
        CrashChild.class.getName(), data.toString());
    pb.redirectErrorStream(true);
    return pb.start();
  }

  private static String awaitPort(Process child) throws Exception {
    BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    String line;
    while ((line = out.readLine()) != null && System.nanoTime() < deadline) {
      if (line.startsWith("PORT ")) {
        Thread drain = new Thread(() -> {
          try {
            while (out.readLine() != null) {
              // keep the child's pipe drained
            }
          } catch (IOException ignored) {
            // the child is gone
          }
        });
        drain.setDaemon(true);
        drain.start();
        return "http://127.0.0.1:" + line.substring(5).strip();
      }
    }
    throw new AssertionError("child did not start");
  }

  @Test
  void acknowledgedImportsSurviveKillDashNine() throws Exception {
    Path data = dir.resolve("data");
    Process child = startChild(data);
    String base = awaitPort(child);
    Api admin = new Api(base, HolderHarness.ADMIN_KEY);
    Api.Reply created = admin.post("/v1/tenants", Map.of("name", "crash"));
    Api tenant = new Api(base, created.string("api_key"));
    PublicJwk key = HolderHarness.newKey(tenant);
    TokenIssuer issuer = TokenIssuer.create(
        Fixtures.issuerKey(), "https://issuer.example", Clock.systemUTC(),
        Randomness.secure());
    IdentityAttributes attrs = IdentityAttributes.fromInput(Json.parseObject(JourneysTest.CONSUMER));
    List<String> tokens = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      tokens.add(issuer.issue(attrs, key, Duration.ofDays(1)));
    }

    ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    for (int w = 0; w < 4; w++) {
      pool.submit(() -> {
        int i;
        while ((i = next.getAndIncrement()) < tokens.size()) {
          try {
            Api.Reply r = tenant.post("/v1/tokens", Map.of("token", tokens.get(i)));
            if (r.status() == 201) {
              acknowledged.add(r.string("id"));
            }
          } catch (AssertionError e) {
            return; // the server died mid-request: not acknowledged
          }
        }
      });
    }
    while (acknowledged.size() < 60) {
      Thread.sleep(5);
    }
    child.destroyForcibly(); // SIGKILL
    child.waitFor(30, TimeUnit.SECONDS);
    pool.shutdown();
    pool.awaitTermination(30, TimeUnit.SECONDS);

    Process again = startChild(data);
    try {
      Api restarted = new Api(awaitPort(again), created.string("api_key"));
      Set<String> listed = new HashSet<>();
      for (Map<String, Object> t : restarted.get("/v1/tokens").list("tokens")) {
        listed.add((String) t.get("id"));
      }
      assertThat(listed).containsAll(acknowledged);
      assertThat(acknowledged.size()).isGreaterThanOrEqualTo(60).isLessThan(400);
      for (String id : listed) {
        Api.Reply r = restarted.get("/v1/tokens/" + id);
        assertThat(r.status()).as("token " + id + " after the crash").isEqualTo(200);
        assertThat(r.list("claims")).isNotEmpty();
      }
    } finally {
      again.destroyForcibly();
    }
  }
}
