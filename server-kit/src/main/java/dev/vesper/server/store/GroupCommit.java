package dev.vesper.server.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * One writer thread that hands whatever has queued up (at most {@code maxBatch} items) to a handler in
 * one call: the group-commit pattern behind the holder's audit log and the transparency log's
 * integrator. The store sees one transaction per batch, and writers never contend for its lock. The
 * handler completes each item itself; if it throws, {@code onFailure} gets the batch and the exception.
 * {@link #close()} stops accepting, lets the thread finish what is queued, and waits for it.
 *
 * @param <T> a queued item, usually carrying the future its caller waits on
 */
public final class GroupCommit<T> implements AutoCloseable {
  private final BlockingQueue<T> queue;
  private final int maxBatch;
  private final Consumer<List<T>> handler;
  private final BiConsumer<List<T>, RuntimeException> onFailure;
  private final Thread thread;
  private volatile boolean running = true;

  public GroupCommit(String threadName, int capacity, int maxBatch, Consumer<List<T>> handler,
      BiConsumer<List<T>, RuntimeException> onFailure) {
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.maxBatch = maxBatch;
    this.handler = handler;
    this.onFailure = onFailure;
    this.thread = new Thread(this::run, threadName);
    thread.setDaemon(true);
  }

  /** Starts the writer thread; items offered before are kept. */
  public GroupCommit<T> start() {
    thread.start();
    return this;
  }

  /** Queues {@code item}; false when the queue is full or the worker is closing. */
  public boolean offer(T item) {
    return running && queue.offer(item);
  }

  public boolean isRunning() {
    return running;
  }

  private void run() {
    List<T> batch = new ArrayList<>(maxBatch);
    while (running || !queue.isEmpty()) {
      try {
        T first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, maxBatch - 1);
        handler.accept(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        onFailure.accept(batch, e);
      } finally {
        batch.clear();
      }
    }
  }

  @Override
  public void close() {
    running = false;
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
