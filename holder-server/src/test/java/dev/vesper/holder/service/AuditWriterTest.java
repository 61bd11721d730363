package dev.vesper.holder.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vesper.holder.store.HolderStore;
import dev.vesper.holder.store.Rows;
import dev.vesper.server.store.Database;
import dev.vesper.server.testing.TestDatabases;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 11 §7: a row the store refuses fails only its own entry; the other tenants' entries committed in
 * the same group are kept. And an audience of 1,024 characters, what presentations accept, is stored.
 */
class AuditWriterTest {
  /** A 1,024-character audience sealed: a 12-byte nonce, the text and a 16-byte tag, base64url, with room to spare. */
  private static final int SEALED_LONGEST_AUDIENCE = 2048;

  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"sqlite", "postgres"})
  void aRefusedRowFailsAloneAndTheLongestAudienceIsKept(String store) throws Exception {
    String jdbc = store.equals("postgres") ? TestDatabases.freshPostgres() : null;
    try (Database db = Database.open(jdbc, dir, "holder.db", "db/holder")) {
      HolderStore holderStore = new HolderStore(db);
      AuditWriter writer = new AuditWriter(holderStore, false);
      ConcurrentHashMap<String, Boolean> outcome = new ConcurrentHashMap<>();
      ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
      List<Thread> callers = new ArrayList<>();
      for (int i = 0; i < 11; i++) {
        String id = "aud_" + i;
        // Entry 5 has no token id, which the store refuses; entry 7 carries the longest audience allowed,
        // sealed (AES-GCM and base64url make 1,024 characters about 1,400).
        String sealed = i == 7 ? "s".repeat(SEALED_LONGEST_AUDIENCE) : "sealed-callee";
        Rows.Audit entry = new Rows.Audit(id, "ten_" + i, "ten_" + i, null, i == 5 ? null : "tok_" + i, List.of("name"),
            "tag_" + i, sealed, null, null, 1000 + i);
        Thread t = new Thread(() -> {
          try {
            writer.write(entry);
            outcome.put(id, true);
          } catch (Exception e) {
            outcome.put(id, false);
            failures.add(e);
          }
        });
        t.start();
        callers.add(t);
      }
      // Every caller waits on its entry: they are all queued, so the writer takes them as one batch.
      for (Thread t : callers) {
        while (t.getState() != Thread.State.TIMED_WAITING && t.isAlive()) {
          Thread.sleep(5);
        }
      }
      writer.start();
      for (Thread t : callers) {
        t.join(30_000);
      }
      writer.close();
      assertThat(outcome).hasSize(11);
      for (int i = 0; i < 11; i++) {
        assertThat(outcome.get("aud_" + i)).as("entry " + i).isEqualTo(i != 5);
      }
      assertThat(holderStore.auditOf("ten_7", 0, "", 10, null)).singleElement()
          .satisfies(a -> assertThat(a.audienceSealed()).hasSize(SEALED_LONGEST_AUDIENCE));
      assertThat(holderStore.auditOf("ten_4", 0, "", 10, "tag_4")).hasSize(1);
    }
  }
}
