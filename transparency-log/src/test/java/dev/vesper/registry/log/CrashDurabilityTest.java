package dev.vesper.registry.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vesper.core.log.Checkpoint;
import dev.vesper.core.log.MerkleProofs;
import dev.vesper.core.log.Receipt;
import dev.vesper.server.store.Database;
import dev.vesper.server.testing.TestDatabases;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * kill -9 during a burst of appends, then a restart on the same store: the log opens (its consistency
 * guard passes), every acknowledged entry is at its index with the same bytes, and every checkpoint
 * handed out before the crash is consistent with the log after it.
 */
class CrashDurabilityTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgres"})
  void acknowledgedEntriesAndSignedCheckpointsSurviveKillDashNine(String store) throws Exception {
    Path data = dir.resolve("data");
    String jdbc = store.equals("postgres") ? TestDatabases.freshPostgres() : null;
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", System.getProperty("java.class.path"),
        CrashChild.class.getName(), data.toString()));
    if (jdbc != null) {
      command.add(jdbc);
    }
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.redirectErrorStream(true);
    Process child = pb.start();
    Map<Long, Receipt> acknowledged = new HashMap<>();
    BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    String line;
    while (acknowledged.size() < 300 && System.nanoTime() < deadline && (line = out.readLine()) != null) {
      if (line.startsWith("ACK ")) {
        String[] parts = line.split(" ");
        acknowledged.put(Long.parseLong(parts[1]),
            Receipt.parse(new String(Base64.getDecoder().decode(parts[2]), StandardCharsets.UTF_8)));
      }
    }
    child.destroyForcibly(); // SIGKILL, mid-burst
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(acknowledged).as("acknowledged before the kill").hasSizeGreaterThanOrEqualTo(300);

    try (Database db = Database.open(jdbc, data, "log.db", "db/log");
        TransparencyLog log = TransparencyLog.open(db, TransparencyLogTest.SIGNER, Clock.systemUTC())) {
      Checkpoint now = TransparencyLogTest.verified(log.checkpoint());
      for (Map.Entry<Long, Receipt> e : acknowledged.entrySet()) {
        assertThat(log.receipt(e.getKey()).entry()).as("entry %d", e.getKey()).isEqualTo(e.getValue().entry());
        Checkpoint before = e.getValue().verify(TransparencyLogTest.ORIGIN, TransparencyLogTest.KEYS);
        MerkleProofs.verifyConsistency(before.size(), now.size(), before.root(), now.root(),
            log.consistencyProof(before.size(), now.size()));
      }
    }
  }
}
