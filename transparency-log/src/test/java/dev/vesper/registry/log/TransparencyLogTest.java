package dev.vesper.registry.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vesper.core.crypto.Sha256;
import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.log.Checkpoint;
import dev.vesper.core.log.MerkleProofs;
import dev.vesper.core.log.NoteKey;
import dev.vesper.core.log.NoteSigner;
import dev.vesper.core.log.Receipt;
import dev.vesper.core.log.SignedNote;
import dev.vesper.core.log.entry.Hash32;
import dev.vesper.core.log.entry.LogEntry;
import dev.vesper.core.log.entry.Reason;
import dev.vesper.core.log.entry.Submission;
import dev.vesper.core.log.entry.TokenStatus;
import dev.vesper.core.log.entry.TokenStatusChanged;
import dev.vesper.core.testing.ErrorCodes;
import dev.vesper.core.testing.Fixtures;
import dev.vesper.server.store.Database;
import dev.vesper.server.testing.TestDatabases;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The log on SQLite and on a real PostgreSQL: sequencing, receipts, dedup, restarts, the fork guard. */
class TransparencyLogTest {
  static final String ORIGIN = "registry.vesper.test/log";
  static final NoteSigner SIGNER = NoteSigner.fromSeed(ORIGIN, new byte[32]);
  static final List<NoteKey> KEYS = List.of(SIGNER.verifierKey());

  @TempDir Path dir;
  private String jdbc;

  private Database database(String store) throws VesperException {
    if (store.equals("postgres") && jdbc == null) {
      jdbc = TestDatabases.freshPostgres();
    }
    return Database.open(store.equals("postgres") ? jdbc : null, dir, "log.db", "db/log");
  }

  /** The checkpoint of a note signed by the pinned key. */
  static Checkpoint verified(String note) throws VesperException {
    SignedNote parsed = SignedNote.parse(note);
    parsed.verify(KEYS);
    return Checkpoint.parse(parsed.text());
  }

  static Submission submission(int n) {
    byte[] hash = ByteBuffer.allocate(32).putInt(n).array();
    return Submission.sign(new TokenStatusChanged(Hash32.of(hash), TokenStatus.REVOKED, Reason.HOLDER_REQUEST), n, Fixtures.issuerKey());
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgres"})
  void concurrentAppendsGetDistinctIndexesAndReceiptsThatVerifyOffline(String store) throws Exception {
    try (Database db = database(store); TransparencyLog log = TransparencyLog.open(db, SIGNER, Clock.systemUTC())) {
      assertThat(log.size()).isZero();
      ExecutorService pool = Executors.newFixedThreadPool(8);
      List<CompletableFuture<TransparencyLog.Appended>> futures = new ArrayList<>();
      List<Submission> sent = new ArrayList<>();
      for (int i = 0; i < 400; i++) {
        Submission s = submission(i);
        sent.add(s);
        futures.add(CompletableFuture.supplyAsync(() -> log.append(s), pool).thenCompose(f -> f));
      }
      Set<Long> indexes = new HashSet<>();
      for (int i = 0; i < futures.size(); i++) {
        TransparencyLog.Appended a = futures.get(i).get(30, TimeUnit.SECONDS);
        assertThat(a.duplicate()).isFalse();
        assertThat(indexes.add(a.index())).isTrue();
        Receipt parsed = Receipt.parse(a.receipt().text());
        Checkpoint cp = parsed.verify(ORIGIN, KEYS);
        assertThat(cp.size()).isGreaterThan(a.index());
        assertThat(LogEntry.decode(parsed.entry()).submission()).isEqualTo(sent.get(i));
      }
      pool.shutdown();
      assertThat(indexes).hasSize(400).allMatch(i -> i >= 0 && i < 400);
      assertThat(log.size()).isEqualTo(400);
      assertThat(verified(log.checkpoint()).size()).isEqualTo(400);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgres"})
  void theSameSubmissionIsLoggedOnce(String store) throws Exception {
    try (Database db = database(store); TransparencyLog log = TransparencyLog.open(db, SIGNER, Clock.systemUTC())) {
      Submission s = submission(7);
      TransparencyLog.Appended first = log.append(s).get(10, TimeUnit.SECONDS);
      CompletableFuture<TransparencyLog.Appended> a = log.append(s);
      CompletableFuture<TransparencyLog.Appended> b = log.append(s);
      assertThat(first.duplicate()).isFalse();
      assertThat(a.get(10, TimeUnit.SECONDS).index()).isEqualTo(first.index());
      assertThat(a.get().duplicate()).isTrue();
      assertThat(b.get(10, TimeUnit.SECONDS).index()).isEqualTo(first.index());
      assertThat(log.size()).isEqualTo(1);
      // Issue 11: a new signature over the same content is the same entry (ECDSA signs differently each time).
      Submission resigned = submission(7);
      assertThat(resigned).isNotEqualTo(s);
      TransparencyLog.Appended again = log.append(resigned).get(10, TimeUnit.SECONDS);
      assertThat(again.duplicate()).isTrue();
      assertThat(again.index()).isEqualTo(first.index());
      assertThat(log.size()).isEqualTo(1);
      assertThat(log.append(submission(8)).get(10, TimeUnit.SECONDS).index()).as("other content is a new entry").isEqualTo(1);
    }
  }

  /** A store written when dedup keys covered the signature is rekeyed once at open, so re-signed old entries are recognised. */
  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgres"})
  void dedupKeysOfAnOlderStoreAreRewrittenOnContent(String store) throws Exception {
    Submission old = submission(11);
    try (Database db = database(store); TransparencyLog log = TransparencyLog.open(db, SIGNER, Clock.systemUTC())) {
      log.append(old).get(10, TimeUnit.SECONDS);
    }
    try (Database db = database(store)) {
      // As the store was before: the key over the whole entry but logged_at, signature included.
      byte[] leaf = new LogEntry(0, old).encode();
      byte[] withSignature = new byte[leaf.length - 8];
      System.arraycopy(leaf, 0, withSignature, 0, 3);
      System.arraycopy(leaf, 11, withSignature, 3, leaf.length - 11);
      String oldKey = HexFormat.of().formatHex(Sha256.digest(withSignature));
      db.transaction(c -> c.createStatement().executeUpdate("UPDATE log_entries SET dedup_key = '" + oldKey + "' WHERE idx = 0")
          + c.createStatement().executeUpdate("DELETE FROM log_meta"));
    }
    try (Database db = database(store); TransparencyLog log = TransparencyLog.open(db, SIGNER, Clock.systemUTC())) {
      TransparencyLog.Appended resigned = log.append(submission(11)).get(10, TimeUnit.SECONDS);
      assertThat(resigned.duplicate()).isTrue();
      assertThat(log.size()).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgres"})
  void aRestartedLogContinuesConsistentlyWithWhatItSigned(String store) throws Exception {
    Checkpoint before;
    try (Database db = database(store); TransparencyLog log = TransparencyLog.open(db, SIGNER, Clock.systemUTC())) {
      for (int i = 0; i < 37; i++) {
        log.append(submission(i)).get(10, TimeUnit.SECONDS);
      }
      before = verified(log.checkpoint());
    }
    try (Database db = database(store); TransparencyLog log = TransparencyLog.open(db, SIGNER, Clock.systemUTC())) {
      assertThat(log.size()).isEqualTo(37);
      assertThat(log.append(submission(100)).get(10, TimeUnit.SECONDS).index()).isEqualTo(37);
      assertThat(log.append(submission(3)).get(10, TimeUnit.SECONDS).duplicate()).as("re-signed, the same entry").isTrue();
      Checkpoint after = verified(log.checkpoint());
      MerkleProofs.verifyConsistency(before.size(), after.size(), before.root(), after.root(), log.consistencyProof(before.size(), after.size()));
      assertThat(log.receipt(5).verify(ORIGIN, KEYS).size()).isEqualTo(after.size());
      assertThat(ErrorCodes.of(() -> log.receipt(after.size()))).isEqualTo(ErrorCode.REQUEST_NOT_FOUND);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgres"})
  void aStoreThatNoLongerReproducesTheSignedCheckpointStopsTheLog(String store) throws Exception {
    try (Database db = database(store); TransparencyLog log = TransparencyLog.open(db, SIGNER, Clock.systemUTC())) {
      for (int i = 0; i < 5; i++) {
        log.append(submission(i)).get(10, TimeUnit.SECONDS);
      }
    }
    try (Database db = database(store)) {
      db.transaction(c -> c.createStatement().executeUpdate(
          "UPDATE log_entries SET leaf_hash = '" + "00".repeat(32) + "' WHERE idx = 2"));
      assertThat(ErrorCodes.of(() -> TransparencyLog.open(db, SIGNER, Clock.systemUTC()))).isEqualTo(ErrorCode.LOG_ROOT_MISMATCH);
      db.transaction(c -> c.createStatement().executeUpdate("DELETE FROM log_subjects WHERE idx >= 2")
          + c.createStatement().executeUpdate("DELETE FROM log_entries WHERE idx >= 2"));
      assertThat(ErrorCodes.of(() -> TransparencyLog.open(db, SIGNER, Clock.systemUTC()))).isEqualTo(ErrorCode.LOG_ROOT_MISMATCH);
      db.transaction(c -> c.createStatement().executeUpdate("DELETE FROM log_subjects WHERE idx = 0")
          + c.createStatement().executeUpdate("DELETE FROM log_entries WHERE idx = 0"));
      assertThat(ErrorCodes.of(() -> TransparencyLog.open(db, SIGNER, Clock.systemUTC()))).isEqualTo(ErrorCode.STORAGE_INTEGRITY);
    }
  }
}
