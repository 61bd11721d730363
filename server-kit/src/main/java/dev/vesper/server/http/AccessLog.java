package dev.vesper.server.http;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JSON access log, written by one background thread so request threads never wait on the log
 * stream. Bounded: when the writer falls behind by 10,000 lines, further lines are counted and dropped
 * (the count is logged when the writer catches up) rather than slowing requests down.
 */
final class AccessLog {
  private static final Logger ACCESS = LoggerFactory.getLogger("vesper.access");

  private final ArrayBlockingQueue<String> lines = new ArrayBlockingQueue<>(10_000);
  private final AtomicLong dropped = new AtomicLong();

  AccessLog(String name) {
    Thread writer = new Thread(this::drain, "vesper-access-log-" + name);
    writer.setDaemon(true);
    writer.start();
  }

  boolean enabled() {
    return ACCESS.isInfoEnabled();
  }

  void write(String line) {
    if (!lines.offer(line)) {
      dropped.incrementAndGet();
    }
  }

  private void drain() {
    while (true) {
      try {
        String line = lines.poll(1, TimeUnit.SECONDS);
        if (line != null) {
          ACCESS.info(line);
        }
        long lost = dropped.getAndSet(0);
        if (lost > 0) {
          ACCESS.warn("{\"dropped_access_log_lines\":" + lost + "}");
        }
      } catch (InterruptedException e) {
        return;
      }
    }
  }
}
