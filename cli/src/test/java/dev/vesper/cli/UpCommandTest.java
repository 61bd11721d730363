package dev.vesper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vesper up} as a person runs it, in its own JVM (issue 17 §7): one quiet screen (the URLs and what
 * to try; every service log line, the access log included, in {@code <data>/logs/vesper.log}), and
 * Ctrl-C (SIGINT) stops the whole stack cleanly.
 */
class UpCommandTest {
  @TempDir
  Path dir;

  @Test
  void upPrintsOneQuietScreenAndStopsCleanlyOnCtrlC() throws Exception {
    Path data = dir.resolve("data");
    Process up = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName(), "up", "--data", data.toString(), "--base-port", "0")
        .start();
    CompletableFuture<List<String>> stderr = CompletableFuture.supplyAsync(() -> lines(up.getErrorStream(), null));
    List<String> stdout;
    try {
      stdout = CompletableFuture.supplyAsync(() -> lines(up.getInputStream(), "Ctrl-C stops the stack")).get(180, TimeUnit.SECONDS);
      assertThat(stdout).as("the welcome screen").anyMatch(l -> l.startsWith("VESPER local stack is up"));
      assertThat(stdout).anyMatch(l -> l.contains("logs/vesper.log"));
      assertThat(stdout.size()).as("one screen").isLessThanOrEqualTo(30);
      assertThat(stdout).noneMatch(l -> l.startsWith("{"));
      Path log = data.resolve("logs").resolve("vesper.log");
      assertThat(Files.readString(log)).as("the access log and the services' lines").contains("\"request_id\"").contains("listening on");
    } finally {
      new ProcessBuilder("kill", "-INT", Long.toString(up.pid())).start().waitFor();
    }
    assertThat(up.waitFor(60, TimeUnit.SECONDS)).as("the stack stops after Ctrl-C").isTrue();
    assertThat(up.exitValue()).isEqualTo(130);
    List<String> errors = stderr.get(10, TimeUnit.SECONDS);
    assertThat(errors.size()).as("stderr: " + errors).isLessThanOrEqualTo(12);
    assertThat(String.join("\n", errors)).doesNotContain("Exception").doesNotContain("error while stopping").doesNotContain("{\"ts\"");
  }

  /** The lines of {@code in} up to and including the first that contains {@code last} (all of them when null). */
  private static List<String> lines(InputStream in, String last) {
    List<String> out = new ArrayList<>();
    try {
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        out.add(line);
        if (last != null && line.contains(last)) {
          break;
        }
      }
    } catch (IOException e) {
      out.add("(read failed: " + e + ")");
    }
    return out;
  }
}
