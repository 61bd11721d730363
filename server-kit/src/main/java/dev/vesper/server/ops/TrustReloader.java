package dev.vesper.server.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Reloads a service's trust (roots, issuer keys, allow-lists, CRL settings) without a restart: on SIGHUP,
 * or when one of its files changes (modification time or size, polled, so editors' atomic renames and
 * Kubernetes config-map symlink swaps are seen too). The {@link Reload} reads every file again and builds
 * and validates the whole new set before it replaces the old one; when anything is wrong (a file missing,
 * unreadable or invalid) the old set stays in force and the reason is logged. Reloads never overlap.
 * Thread-safe.
 */
public final class TrustReloader implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TrustReloader.class);
  private static final List<TrustReloader> ON_HANGUP = new CopyOnWriteArrayList<>();

  static {
    try {
      Signal.handle(new Signal("HUP"), signal -> ON_HANGUP.forEach(TrustReloader::reloadNow));
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      LOG.info("SIGHUP is not available here ({}); trust reloads on file changes only", e.getMessage());
    }
  }

  /** Reads, validates and installs a new trust set; returns a one-line summary; throws, changing nothing, when the set is bad. */
  @FunctionalInterface
  public interface Reload {
    String install() throws Exception;
  }

  /** What a reload did: whether the set was replaced, and the summary or the reason it was not. */
  public record Outcome(boolean replaced, String message) {}

  private final String name;
  private final List<Path> files;
  private final Reload reload;
  private final ScheduledExecutorService poller;
  private List<String> seen;
  private volatile Outcome last = new Outcome(false, "not reloaded yet");

  private TrustReloader(String name, List<Path> files, Reload reload, Duration poll) {
    this.name = name;
    this.files = List.copyOf(files);
    this.reload = reload;
    this.seen = stamps();
    this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "vesper-trust-reload-" + name);
      t.setDaemon(true);
      return t;
    });
    poller.scheduleWithFixedDelay(this::pollFiles, poll.toMillis(), poll.toMillis(), TimeUnit.MILLISECONDS);
    ON_HANGUP.add(this);
  }

  /** Watches {@code files} (polled every {@code poll}) and SIGHUP; {@code reload} installs a validated new set. */
  public static TrustReloader watch(String name, List<Path> files, Duration poll, Reload reload) {
    return new TrustReloader(Objects.requireNonNull(name, "name == null"), files, Objects.requireNonNull(reload, "reload == null"), poll);
  }

  /** Reloads now (SIGHUP does the same); the outcome is also logged. */
  public synchronized Outcome reloadNow() {
    seen = stamps();
    try {
      last = new Outcome(true, reload.install());
      LOG.info("{}: trust reloaded: {}", name, last.message());
    } catch (Exception e) {
      last = new Outcome(false, e.getMessage() == null ? e.toString() : e.getMessage());
      LOG.warn("{}: trust reload refused, the previous set stays in force: {}", name, last.message());
    }
    return last;
  }

  /** The last reload's outcome. */
  public Outcome last() {
    return last;
  }

  private synchronized void pollFiles() {
    if (!stamps().equals(seen)) {
      reloadNow();
    }
  }

  private List<String> stamps() {
    List<String> out = new ArrayList<>();
    for (Path f : files) {
      try {
        out.add(Files.getLastModifiedTime(f).toMillis() + "/" + Files.size(f));
      } catch (IOException e) {
        out.add("missing");
      }
    }
    return out;
  }

  @Override
  public void close() {
    ON_HANGUP.remove(this);
    poller.shutdownNow();
  }
}
