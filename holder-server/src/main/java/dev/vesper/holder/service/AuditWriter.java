package dev.vesper.holder.service;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.holder.store.HolderStore;
import dev.vesper.holder.store.Rows;
import dev.vesper.server.store.GroupCommit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Group commit for the audit log: callers hand over an entry and wait until the transaction that holds
 * it has committed, so an acknowledged presentation always has its audit entry on disk; one writer
 * thread commits whatever has queued up meanwhile in a single transaction, so the store sees one write
 * (one WAL append) per batch instead of one per presentation, and writers never contend for SQLite's lock.
 */
public final class AuditWriter implements AutoCloseable {
  private static final int MAX_BATCH = 512;

  private final HolderStore store;
  private final GroupCommit<Pending> writer;

  private record Pending(Rows.Audit entry, CompletableFuture<Void> done) {}

  public AuditWriter(HolderStore store) {
    this(store, true);
  }

  /** {@code start} false: entries queue until {@link #start()} (tests that need one batch of them). */
  AuditWriter(HolderStore store, boolean start) {
    this.store = store;
    this.writer = new GroupCommit<Pending>("vesper-audit-writer", 50_000, MAX_BATCH, this::commit,
        (batch, e) -> batch.forEach(p -> p.done().completeExceptionally(e)));
    if (start) {
      writer.start();
    }
  }

  void start() {
    writer.start();
  }

  /** Returns once {@code entry} is committed; throws when the store refused the batch. */
  void write(Rows.Audit entry) throws VesperException {
    Pending p = new Pending(entry, new CompletableFuture<>());
    if (!writer.offer(p)) {
      throw new VesperException(ErrorCode.STORAGE_UNAVAILABLE, "the audit log is not accepting entries");
    }
    try {
      p.done().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof VesperException v ? v : new VesperException(ErrorCode.STORAGE_UNAVAILABLE, "audit write failed");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new VesperException(ErrorCode.STORAGE_UNAVAILABLE, "interrupted while writing the audit log");
    } catch (TimeoutException e) {
      throw new VesperException(ErrorCode.STORAGE_UNAVAILABLE, "the audit log did not commit in time");
    }
  }

  /**
   * One transaction for the batch; when it fails, each entry again in a transaction of its own, so a row
   * the store refuses fails only its own presentation, never other tenants' entries queued beside it.
   */
  private void commit(List<Pending> batch) {
    List<Rows.Audit> entries = new ArrayList<>(batch.size());
    batch.forEach(p -> entries.add(p.entry()));
    try {
      store.insertAudits(entries);
      batch.forEach(p -> p.done().complete(null));
    } catch (VesperException | RuntimeException batchFailure) {
      for (Pending p : batch) {
        try {
          store.insertAudits(List.of(p.entry()));
          p.done().complete(null);
        } catch (VesperException | RuntimeException e) {
          p.done().completeExceptionally(e);
        }
      }
    }
  }

  @Override
  public void close() {
    writer.close();
  }
}
