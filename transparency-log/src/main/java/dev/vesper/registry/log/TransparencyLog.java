package dev.vesper.registry.log;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.log.Checkpoint;
import dev.vesper.core.log.LogHasher;
import dev.vesper.core.log.MerkleProofs;
import dev.vesper.core.log.NoteSigner;
import dev.vesper.core.log.Receipt;
import dev.vesper.core.log.Tiles;
import dev.vesper.core.log.entry.LogEntry;
import dev.vesper.core.log.entry.Submission;
import dev.vesper.server.store.Database;
import dev.vesper.server.store.GroupCommit;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/**
 * The append-only log: submissions are sequenced in batches by one integrator thread, written durably
 * (one transaction per batch), added to the Merkle tree, and covered by a new signed checkpoint before
 * their futures complete with an offline receipt. An acknowledged entry is therefore both stored and
 * published.
 *
 * <p>Consistency guard: the log signs a checkpoint only if the tree it signs reproduces the root of the
 * last checkpoint it signed (persisted), and checks that at start-up too. A store that no longer
 * reproduces a signed checkpoint (lost or altered rows) stops the log rather than letting it sign a fork.
 *
 * <p>Submissions must be authenticated by the caller (submitter registered, signature verified).
 */
public final class TransparencyLog implements AutoCloseable {
  /** The most submissions in one batch (one transaction, one checkpoint). */
  static final int MAX_BATCH = 4096;
  static final int QUEUE_CAPACITY = 65_536;

  private final LogStore store;
  private final NoteSigner signer;
  private final Clock clock;
  private final SharedTree tree;
  private final GroupCommit<Pending> integrator;
  private volatile LogStore.StoredCheckpoint latest;
  private volatile VesperException halted;

  /** A sequenced entry: its index, whether it had been logged before, and its receipt. */
  public record Appended(long index, boolean duplicate, Receipt receipt) {}

  private record Pending(Submission submission, String dedupKey, CompletableFuture<Appended> done) {}

  private TransparencyLog(LogStore store, NoteSigner signer, Clock clock, SharedTree tree) {
    this.store = store;
    this.signer = signer;
    this.clock = clock;
    this.tree = tree;
    this.integrator = new GroupCommit<>("log-integrator", QUEUE_CAPACITY, MAX_BATCH, this::integrate,
        (batch, e) -> fail(batch, new VesperException(ErrorCode.STORAGE_UNAVAILABLE, "the log failed to integrate a batch")));
  }

  /**
   * Opens the log in {@code db}: rebuilds the tree from the stored entries, checks it against the last
   * signed checkpoint, signs one for any entries not yet covered, and starts integrating.
   *
   * @throws VesperException {@link ErrorCode#LOG_ROOT_MISMATCH} if the store no longer reproduces the
   *     last signed checkpoint; storage codes if it cannot be read
   */
  public static TransparencyLog open(Database db, NoteSigner signer, Clock clock) throws VesperException {
    LogStore store = new LogStore(db);
    store.rekeyDedupOnContent(leaf -> {
      try {
        return LogEntry.decode(leaf).submission().dedupKey().hex();
      } catch (VesperException e) {
        throw new IllegalStateException("a stored entry does not decode", e);
      }
    });
    SharedTree tree = new SharedTree();
    long size = store.forEachLeafHash(tree::append);
    TransparencyLog log = new TransparencyLog(store, signer, clock, tree);
    LogStore.StoredCheckpoint last = store.lastCheckpoint().orElse(null);
    if (last != null) {
      if (last.size() > size || !Arrays.equals(tree.root(last.size()), last.root())) {
        throw new VesperException(ErrorCode.LOG_ROOT_MISMATCH, "the stored entries do not reproduce the last signed checkpoint (size "
            + last.size() + "); refusing to run a forked log");
      }
      log.latest = last;
    }
    if (last == null || size > last.size()) {
      log.publish();
    }
    log.integrator.start();
    return log;
  }

  /** Queues {@code submission}; the future completes once a signed checkpoint covers it. */
  public CompletableFuture<Appended> append(Submission submission) {
    CompletableFuture<Appended> done = new CompletableFuture<>();
    if (halted != null) {
      done.completeExceptionally(halted);
    } else if (!integrator.isRunning()) {
      done.completeExceptionally(new VesperException(ErrorCode.STORAGE_UNAVAILABLE, "the log is shutting down"));
    } else if (!integrator.offer(new Pending(submission, submission.dedupKey().hex(), done))) {
      done.completeExceptionally(new VesperException(ErrorCode.REQUEST_RATE_LIMITED, "the log's queue is full; retry shortly"));
    }
    return done;
  }

  /** The latest signed checkpoint note. */
  public String checkpoint() {
    return latest.note();
  }

  public long size() {
    return latest.size();
  }

  /** A receipt for the entry at {@code index} against the latest checkpoint. */
  public Receipt receipt(long index) throws VesperException {
    LogStore.StoredCheckpoint cp = latest;
    if (index < 0 || index >= cp.size()) {
      throw new VesperException(ErrorCode.REQUEST_NOT_FOUND, "no entry " + index + " in a log of size " + cp.size());
    }
    byte[] entry = store.entry(index).orElseThrow();
    return Receipt.of(entry, index, tree.inclusionProof(index, cp.size()), cp.note());
  }

  /** An entry with its inclusion proof in the tree of {@link History#checkpoint()}. */
  public record LoggedEntry(long index, LogEntry entry, List<byte[]> proof) {}

  /** Every published entry about one subject ({@link Subjects}), each with its proof, and the checkpoint. */
  public record History(List<LoggedEntry> entries, long size, String checkpoint) {}

  public History about(String subject) throws VesperException {
    return about(List.of(subject));
  }

  /** Every published entry about any of {@code subjects}, in index order, all proved against one checkpoint. */
  public History about(List<String> subjects) throws VesperException {
    LogStore.StoredCheckpoint cp = latest;
    TreeSet<Long> indexes = new TreeSet<>();
    for (String subject : subjects) {
      indexes.addAll(store.indexesAbout(subject));
    }
    List<LoggedEntry> out = new ArrayList<>();
    for (long index : indexes.headSet(cp.size())) {
      out.add(new LoggedEntry(index, LogEntry.decode(store.entry(index).orElseThrow()), tree.inclusionProof(index, cp.size())));
    }
    return new History(out, cp.size(), cp.note());
  }

  /** The newest {@code limit} published entries, oldest first, proved against the latest checkpoint. */
  public History recent(int limit) throws VesperException {
    LogStore.StoredCheckpoint cp = latest;
    List<LoggedEntry> out = new ArrayList<>();
    for (long index = Math.max(0, cp.size() - limit); index < cp.size(); index++) {
      out.add(new LoggedEntry(index, LogEntry.decode(store.entry(index).orElseThrow()), tree.inclusionProof(index, cp.size())));
    }
    return new History(out, cp.size(), cp.note());
  }

  /** The distinct subjects starting with {@code prefix} (e.g. {@code "issuer:"}). */
  public List<String> subjects(String prefix) throws VesperException {
    return store.subjectsStartingWith(prefix);
  }

  /** RFC 9162 consistency proof between two published sizes. */
  public List<byte[]> consistencyProof(long from, long to) throws VesperException {
    if (from < 1 || from > to || to > latest.size()) {
      throw new VesperException(ErrorCode.REQUEST_NOT_FOUND, "no consistency proof: need 0 < from <= to <= " + latest.size());
    }
    return tree.consistencyProof(from, to);
  }

  /** RFC 9162 inclusion proof of {@code index} in the published tree of {@code size}. */
  public List<byte[]> inclusionProof(long index, long size) throws VesperException {
    if (size < 1 || size > latest.size() || index < 0 || index >= size) {
      throw new VesperException(ErrorCode.REQUEST_NOT_FOUND, "no inclusion proof: need 0 <= index < size <= " + latest.size());
    }
    return tree.inclusionProof(index, size);
  }

  /** The index of the first entry with {@code leafHash} within the published tree of {@code size}. */
  public long indexOfLeafHash(byte[] leafHash, long size) throws VesperException {
    long index = store.indexOfLeafHash(leafHash).orElse(Long.MAX_VALUE);
    if (index >= size) {
      throw new VesperException(ErrorCode.REQUEST_NOT_FOUND, "no entry with that leaf hash in a tree of size " + size);
    }
    return index;
  }

  /** The hashes of a tlog-tiles hash tile, concatenated; only tiles inside the published tree exist. */
  public byte[] tile(Tiles.Tile tile) throws VesperException {
    if (tileEnd(tile) > latest.size()) {
      throw new VesperException(ErrorCode.REQUEST_NOT_FOUND, "no such tile in the published tree");
    }
    List<byte[]> hashes = tree.tileHashes(tile);
    byte[] out = new byte[hashes.size() * LogHasher.HASH_BYTES];
    for (int i = 0; i < hashes.size(); i++) {
      System.arraycopy(hashes.get(i), 0, out, i * LogHasher.HASH_BYTES, LogHasher.HASH_BYTES);
    }
    return out;
  }

  /** A tlog-tiles entry bundle: each entry of the level-0 tile as {@code uint16 length ‖ bytes}. */
  public byte[] entryBundle(Tiles.Tile tile) throws VesperException {
    if (tile.level() != 0 || tileEnd(tile) > latest.size()) {
      throw new VesperException(ErrorCode.REQUEST_NOT_FOUND, "no such entry bundle in the published tree");
    }
    long from = tile.index() * Tiles.WIDTH;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] entry : store.entries(from, from + tile.width())) {
      out.write(entry.length >>> 8);
      out.write(entry.length);
      out.writeBytes(entry);
    }
    return out.toByteArray();
  }

  /** One past the last leaf under {@code tile}, or Long.MAX_VALUE when that is beyond any tree. */
  private static long tileEnd(Tiles.Tile tile) {
    if (tile.level() >= 8) {
      return Long.MAX_VALUE;
    }
    try {
      return Math.multiplyExact(Math.addExact(Math.multiplyExact(tile.index(), Tiles.WIDTH), tile.width()), 1L << (8 * tile.level()));
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  private void integrate(List<Pending> batch) {
    if (halted != null) {
      fail(batch, halted);
      return;
    }
    long now = clock.millis();
    Map<String, Long> assigned;
    Map<Long, byte[]> fresh = new HashMap<>();
    boolean[] duplicate = new boolean[batch.size()];
    try {
      assigned = new HashMap<>(store.existing(batch.stream().map(Pending::dedupKey).distinct().toList()));
      List<LogStore.NewRow> rows = new ArrayList<>();
      long next = tree.size();
      for (int i = 0; i < batch.size(); i++) {
        Pending p = batch.get(i);
        duplicate[i] = assigned.containsKey(p.dedupKey());
        if (!duplicate[i]) {
          byte[] leaf = new LogEntry(now, p.submission()).encode();
          rows.add(new LogStore.NewRow(next, leaf, LogHasher.leafHash(leaf), p.dedupKey(), now, Subjects.of(p.submission().body())));
          fresh.put(next, leaf);
          assigned.put(p.dedupKey(), next++);
        }
      }
      if (!rows.isEmpty()) {
        store.insert(rows);
        tree.append(rows.stream().map(LogStore.NewRow::leafHash).toList());
      }
      publish();
    } catch (VesperException e) {
      fail(batch, e);
      return;
    }
    LogStore.StoredCheckpoint cp = latest;
    for (int i = 0; i < batch.size(); i++) {
      Pending p = batch.get(i);
      long index = assigned.get(p.dedupKey());
      try {
        byte[] leaf = fresh.containsKey(index) ? fresh.get(index) : store.entry(index).orElseThrow();
        Receipt receipt = Receipt.of(leaf, index, tree.inclusionProof(index, cp.size()), cp.note());
        p.done().complete(new Appended(index, duplicate[i], receipt));
      } catch (VesperException e) {
        p.done().completeExceptionally(e);
      }
    }
  }

  /** Signs and stores a checkpoint for the current tree, after the consistency guard. Integrator thread (or open). */
  private void publish() throws VesperException {
    long size = tree.size();
    LogStore.StoredCheckpoint last = latest;
    if (last != null && last.size() == size) {
      return;
    }
    byte[] root = tree.root(size);
    if (last != null && last.size() > 0) {
      guard(last, size, root);
    }
    String note = signer.sign(new Checkpoint(signer.verifierKey().name(), size, root).text());
    store.saveCheckpoint(size, root, note, clock.millis());
    latest = new LogStore.StoredCheckpoint(size, root, note);
  }

  private void guard(LogStore.StoredCheckpoint last, long size, byte[] root) throws VesperException {
    try {
      if (!Arrays.equals(tree.root(last.size()), last.root())) {
        throw new VesperException(ErrorCode.LOG_ROOT_MISMATCH, "the tree no longer extends the last signed checkpoint");
      }
      MerkleProofs.verifyConsistency(last.size(), size, last.root(), root, tree.consistencyProof(last.size(), size));
    } catch (VesperException e) {
      halted = e;
      throw e;
    }
  }

  private static void fail(List<Pending> batch, VesperException e) {
    for (Pending p : batch) {
      p.done().completeExceptionally(e);
    }
  }

  /** Stops accepting, integrates what is queued, and stops. */
  @Override
  public void close() {
    integrator.close();
  }
}
