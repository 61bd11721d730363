package dev.vesper.registry.log;

import dev.vesper.server.store.Database;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/**
 * The process {@link CrashDurabilityTest} kills: appends without end (up to 64 in flight) and prints
 * {@code ACK <index> <base64 receipt>} for each acknowledged append, flushing each line. Arguments: the
 * data directory and, for PostgreSQL, a JDBC URL.
 */
public final class CrashChild {
  private CrashChild() {}

  public static void main(String[] args) throws Exception {
    Database db = Database.open(args.length > 1 ? args[1] : null, Path.of(args[0]), "log.db", "db/log");
    TransparencyLog log = TransparencyLog.open(db, TransparencyLogTest.SIGNER, Clock.systemUTC());
    Semaphore inFlight = new Semaphore(64);
    for (int i = 0; ; i++) {
      inFlight.acquire();
      CompletableFuture<TransparencyLog.Appended> f = log.append(TransparencyLogTest.submission(i));
      f.whenComplete((a, e) -> {
        inFlight.release();
        if (a != null) {
          String receipt = Base64.getEncoder().encodeToString(a.receipt().text().getBytes(StandardCharsets.UTF_8));
          synchronized (System.out) {
            System.out.println("ACK " + a.index() + " " + receipt);
            System.out.flush();
          }
        }
      });
    }
  }
}
