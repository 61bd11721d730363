package dev.vesper.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trust reloads: a changed file or SIGHUP installs the new set; a bad file (invalid, missing) keeps the old
 * one in force and the outcome says why.
 */
class TrustReloaderTest {
  @TempDir Path dir;

  /** The "trust": a file whose content must be "trust:<name>"; anything else is refused. */
  private final AtomicReference<String> installed = new AtomicReference<>("trust:first");

  private TrustReloader reloader(Path file) {
    return TrustReloader.watch("test", List.of(file), Duration.ofMillis(100), () -> {
      String content = Files.readString(file).strip();
      if (!content.startsWith("trust:")) {
        throw new IllegalArgumentException(file.getFileName() + " is not a trust file");
      }
      installed.set(content);
      return content;
    });
  }

  @Test
  void aChangedFileIsInstalledAndABadOneKeepsTheOldSet() throws Exception {
    Path file = Files.writeString(dir.resolve("trust.txt"), "trust:first");
    try (TrustReloader r = reloader(file)) {
      Files.writeString(file, "trust:second, a longer one");
      waitFor(() -> installed.get().equals("trust:second, a longer one"));
      Files.writeString(file, "garbage");
      waitFor(() -> r.last().message().contains("not a trust file"));
      assertThat(r.last().replaced()).isFalse();
      assertThat(installed.get()).as("the old set stays").isEqualTo("trust:second, a longer one");
      Files.delete(file);
      waitFor(() -> !r.last().message().contains("not a trust file"));
      assertThat(r.last().replaced()).isFalse();
      assertThat(installed.get()).isEqualTo("trust:second, a longer one");
    }
  }

  @Test
  void sighupReloads() throws Exception {
    Path file = Files.writeString(dir.resolve("trust.txt"), "trust:first");
    try (TrustReloader r = TrustReloader.watch("test", List.of(file), Duration.ofHours(1), () -> {
      installed.set(Files.readString(file).strip());
      return "ok";
    })) {
      Files.writeString(file, "trust:after-hangup");
      Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(ProcessHandle.current().pid())).start();
      assertThat(kill.waitFor()).isZero();
      waitFor(() -> installed.get().equals("trust:after-hangup"));
      assertThat(r.last().replaced()).isTrue();
    }
  }

  private static void waitFor(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("in time").isLessThan(deadline);
      Thread.sleep(50);
    }
  }
}
