package dev.vesper.issuer.service;

import dev.vesper.core.error.VesperException;
import dev.vesper.core.json.Json;
import dev.vesper.issuer.store.TokenStore;
import dev.vesper.issuer.store.Rows;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ships the log outbox to the transparency log ({@code POST /v1/entries?await=published}), oldest
 * first, keeping each index and receipt; a failure is retried with exponential backoff (0.5 s doubling
 * to 60 s). Re-sending is safe: the log answers a duplicate with the original index. Several instances
 * may ship the same rows. One worker thread.
 */
public final class LogShipper implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LogShipper.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final TokenStore store;
  private final URI entries;
  private final Clock clock;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "issuer-log-shipper");
    t.setDaemon(true);
    return t;
  });

  public LogShipper(TokenStore store, String logUrl, Clock clock) {
    this.store = store;
    this.entries = URI.create(logUrl + "/v1/entries?await=published");
    this.clock = clock;
    worker.scheduleWithFixedDelay(this::drainQuietly, 200, 200, TimeUnit.MILLISECONDS);
  }

  /** Ships what is due now, on the worker, without waiting for the next tick. */
  public void nudge() {
    worker.execute(this::drainQuietly);
  }

  /** The issuance receipt of {@code tokenId}, waiting up to {@code wait} for it to be shipped. */
  public Optional<String> receipt(String tokenId, Duration wait) throws VesperException {
    long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      Optional<Rows.Outbox> row = store.issuanceEntry(tokenId);
      if (row.isPresent() && row.get().receipt() != null) {
        return Optional.of(row.get().receipt());
      }
      if (System.nanoTime() > deadline) {
        return Optional.empty();
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      }
    }
  }

  private void drainQuietly() {
    try {
      for (Rows.Outbox row : store.duePending(clock.millis(), 50)) {
        ship(row);
      }
    } catch (VesperException | RuntimeException e) {
      LOG.warn("log shipping paused: {}", e.getMessage());
    }
  }

  private void ship(Rows.Outbox row) throws VesperException {
    String error;
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(entries).timeout(TIMEOUT)
          .header("Content-Type", "application/octet-stream")
          .POST(HttpRequest.BodyPublishers.ofByteArray(Base64.getDecoder().decode(row.entryBase64()))).build(),
          HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() == 200 || r.statusCode() == 201) {
        Map<String, Object> body = Json.parseObject(r.body());
        store.markShipped(row.id(), ((Number) body.get("index")).longValue(), (String) body.get("receipt"), clock.millis());
        return;
      }
      error = "HTTP " + r.statusCode() + ": " + (r.body().length() > 300 ? r.body().substring(0, 300) : r.body());
    } catch (IOException | VesperException | ClassCastException | NullPointerException e) {
      error = e.getClass().getSimpleName() + ": " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    int attempts = row.attempts() + 1;
    long backoff = Math.min(60_000L, 500L << Math.min(attempts - 1, 7));
    store.markFailed(row.id(), attempts, clock.millis() + backoff, error);
    if (attempts == 1 || attempts % 10 == 0) {
      LOG.warn("log entry {} not accepted yet (attempt {}): {}", row.id(), attempts, error);
    }
  }

  @Override
  public void close() {
    worker.shutdownNow();
  }
}
