package dev.vesper.registry.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vesper.core.crypto.SigningKey;
import dev.vesper.core.json.Json;
import dev.vesper.core.log.NoteSigner;
import dev.vesper.core.log.entry.Hash32;
import dev.vesper.core.log.entry.LogEntry;
import dev.vesper.core.log.entry.Reason;
import dev.vesper.core.log.entry.Submission;
import dev.vesper.core.log.entry.TokenStatus;
import dev.vesper.core.log.entry.TokenStatusChanged;
import dev.vesper.core.testing.Fixtures;
import dev.vesper.registry.RegistryConfig;
import dev.vesper.registry.RegistryServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The log as an outsider reads it: Go's golang.org/x/mod/sumdb/note and sumdb/tlog (Debian's
 * golang-go and golang-golang-x-mod-dev, installed by ./run-tests) open our signed checkpoints, verify
 * every tile against the root, and check our inclusion and consistency proofs and offline receipts
 * (interop/go/tlogcheck). 600 entries make two full level-0 tiles, a partial one and a level-1 tile.
 * A missing Go toolchain fails the test; it is never skipped.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GoTlogInteropTest {
  private static final String ORIGIN = "registry.vesper.test/go-interop";
  private static final NoteSigner LOG_KEY = NoteSigner.fromSeed(ORIGIN, new byte[32]);
  private static final Path GO = Path.of("/usr/bin/go");
  private static final Path GOPATH = Path.of("/usr/share/gocode/src/golang.org/x/mod/sumdb/tlog");
  private final HttpClient http = HttpClient.newHttpClient();

  @TempDir static Path dir;
  private RegistryServer server;
  private String base;
  private final List<Path> receipts = new ArrayList<>();

  @BeforeAll
  void fillTheLog() throws Exception {
    assertThat(Files.isExecutable(GO)).as("go (Debian package golang-go) is needed; ./run-tests installs it").isTrue();
    assertThat(Files.isDirectory(GOPATH)).as("golang-golang-x-mod-dev is needed; ./run-tests installs it").isTrue();
    server = RegistryServer.start(new RegistryConfig("127.0.0.1", 0, dir.resolve("log"), null, LOG_KEY,
        List.of(Fixtures.issuerKey().publicJwk()), Clock.systemUTC()));
    base = "http://127.0.0.1:" + server.port();
    for (int batch = 0; batch < 12; batch++) {
      List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        sent.add(post(batch * 50 + i, "sequenced"));
      }
      for (CompletableFuture<HttpResponse<String>> r : sent) {
        assertThat(r.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(201);
      }
    }
    for (int i = 0; i < 3; i++) {
      HttpResponse<String> r = post(600 + i, "published").get(30, TimeUnit.SECONDS);
      Path receipt = dir.resolve("receipt-" + i + ".txt");
      Files.writeString(receipt, (String) Json.parseObject(r.body()).get("receipt"));
      receipts.add(receipt);
    }
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private CompletableFuture<HttpResponse<String>> post(int n, String await) {
    byte[] hash = ByteBuffer.allocate(32).putInt(n).array();
    SigningKey issuer = Fixtures.issuerKey();
    byte[] body = new LogEntry(0, Submission.sign(new TokenStatusChanged(Hash32.of(hash), TokenStatus.REVOKED, Reason.FRAUD), 1000 + n, issuer)).encode();
    return http.sendAsync(HttpRequest.newBuilder(URI.create(base + "/v1/entries?await=" + await))
        .header("Content-Type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void goVerifiesTheCheckpointTilesProofsAndReceipts() throws Exception {
    List<String> args = new ArrayList<>(List.of("-url", base, "-vkey", LOG_KEY.verifierKey().vkey()));
    receipts.forEach(r -> args.add(r.toString()));
    Result r = tlogcheck(args);
    assertThat(r.exit).as(r.out).isZero();
    assertThat(r.out).contains("ok log: checkpoint of 603 entries").contains("ok receipt").doesNotContain("FAIL");
  }

  @Test
  void goRefusesATamperedReceipt() throws Exception {
    String text = Files.readString(receipts.get(0));
    String[] lines = text.split("\n", -1);
    char c = lines[3].charAt(0);
    lines[3] = (c == 'A' ? 'B' : 'A') + lines[3].substring(1); // the first proof hash
    Path tampered = dir.resolve("tampered.txt");
    Files.writeString(tampered, String.join("\n", lines));
    Result r = tlogcheck(List.of("-vkey", LOG_KEY.verifierKey().vkey(), tampered.toString()));
    assertThat(r.exit).as(r.out).isEqualTo(1);
    assertThat(r.out).contains("FAIL receipt");
  }

  @Test
  void goRefusesACheckpointUnderAnotherKey() throws Exception {
    String otherKey = NoteSigner.fromSeed(ORIGIN, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
        17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32}).verifierKey().vkey();
    Result r = tlogcheck(List.of("-url", base, "-vkey", otherKey, receipts.get(0).toString()));
    assertThat(r.exit).as(r.out).isEqualTo(1);
    assertThat(r.out).contains("FAIL log: note.Open").contains("FAIL receipt");
  }

  private record Result(int exit, String out) {}

  private Result tlogcheck(List<String> args) throws Exception {
    Path source = Path.of(System.getProperty("vesper.root"), "interop", "go", "tlogcheck");
    List<String> command = new ArrayList<>(List.of(GO.toString(), "run", "."));
    command.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(command).directory(source.toFile()).redirectErrorStream(true);
    pb.environment().put("GO111MODULE", "off");
    pb.environment().put("GOPATH", "/usr/share/gocode");
    pb.environment().put("GOFLAGS", "");
    pb.environment().putIfAbsent("GOCACHE", dir.getParent().resolve("vesper-go-cache").toString());
    Process p = pb.start();
    boolean done = p.waitFor(120, TimeUnit.SECONDS);
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(done).as("tlogcheck finished: " + out).isTrue();
    return new Result(p.exitValue(), out);
  }
}
