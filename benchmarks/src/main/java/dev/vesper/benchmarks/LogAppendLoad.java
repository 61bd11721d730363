package dev.vesper.benchmarks;

import dev.vesper.core.crypto.SigningKey;
import dev.vesper.core.log.NoteSigner;
import dev.vesper.core.log.entry.Hash32;
import dev.vesper.core.log.entry.Reason;
import dev.vesper.core.log.entry.Submission;
import dev.vesper.core.log.entry.TokenStatus;
import dev.vesper.core.log.entry.TokenStatusChanged;
import dev.vesper.registry.log.TransparencyLog;
import dev.vesper.server.store.Database;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;

/**
 * Load driver for the log's append path (a server path, so measured with a load generator rather than
 * JMH): {@code ENTRIES} pre-signed submissions, {@code IN_FLIGHT} outstanding at a time, against a fresh
 * SQLite store (or {@code --jdbc-url}). Reports appends per second and the distribution of the time from
 * submission to a signed checkpoint covering the entry (the future completes only then).
 *
 * <pre>java -cp benchmarks/target/vesper-benchmarks.jar dev.vesper.benchmarks.LogAppendLoad [ENTRIES] [IN_FLIGHT] [--jdbc-url URL]</pre>
 */
public final class LogAppendLoad {
  private LogAppendLoad() {}

  public static void main(String[] args) throws Exception {
    int entries = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    int inFlight = args.length > 1 ? Integer.parseInt(args[1]) : 256;
    String jdbc = args.length > 3 && args[2].equals("--jdbc-url") ? args[3] : null;
    SigningKey submitter = SigningKey.generate(new SecureRandom(), "bench");
    List<Submission> work = new ArrayList<>(entries + 1000);
    for (int i = 0; i < entries + 1000; i++) {
      byte[] hash = ByteBuffer.allocate(32).putLong(i).putLong(System.nanoTime()).array();
      work.add(Submission.sign(new TokenStatusChanged(Hash32.of(hash), TokenStatus.REVOKED, Reason.FRAUD), i, submitter));
    }
    Path data = Files.createTempDirectory("vesper-log-bench");
    NoteSigner signer = NoteSigner.generate("bench.vesper.example/log", new SecureRandom());
    try (Database db = Database.open(jdbc, data, "log.db", "db/log");
        TransparencyLog log = TransparencyLog.open(db, signer, Clock.systemUTC())) {
      run(log, work.subList(0, 1000), inFlight); // warm-up
      long[] latencies = new long[entries];
      long start = System.nanoTime();
      run(log, work.subList(1000, 1000 + entries), inFlight, latencies);
      double seconds = (System.nanoTime() - start) / 1e9;
      Arrays.sort(latencies);
      System.out.printf("entries %d, in flight %d, store %s%n", entries, inFlight, jdbc == null ? "sqlite" : "postgres");
      System.out.printf("appends/s %.0f%n", entries / seconds);
      System.out.printf("time to published checkpoint ms: p50 %.1f  p90 %.1f  p99 %.1f  max %.1f%n",
          ms(latencies, 0.50), ms(latencies, 0.90), ms(latencies, 0.99), latencies[entries - 1] / 1e6);
      System.out.printf("log size %d%n", log.size());
    }
  }

  private static void run(TransparencyLog log, List<Submission> work, int inFlight) throws InterruptedException {
    run(log, work, inFlight, new long[work.size()]);
  }

  private static void run(TransparencyLog log, List<Submission> work, int inFlight, long[] latencies) throws InterruptedException {
    Semaphore window = new Semaphore(inFlight);
    CountDownLatch done = new CountDownLatch(work.size());
    for (int i = 0; i < work.size(); i++) {
      window.acquire();
      int slot = i;
      long sent = System.nanoTime();
      log.append(work.get(i)).whenComplete((a, e) -> {
        if (e != null) {
          throw new IllegalStateException("append failed", e);
        }
        latencies[slot] = System.nanoTime() - sent;
        window.release();
        done.countDown();
      });
    }
    done.await();
  }

  private static double ms(long[] sorted, double q) {
    return sorted[(int) Math.min(sorted.length - 1, Math.round(q * (sorted.length - 1)))] / 1e6;
  }
}
