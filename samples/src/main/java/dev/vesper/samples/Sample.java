package dev.vesper.samples;

import dev.vesper.stack.LocalStack;
import dev.vesper.stack.StackClient;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What every sample shares: a fresh local stack in a temporary directory (status lists with a 2 s ttl,
 * so a revocation shows within seconds), numbered steps in plain words, and checks that stop the sample
 * when something is not as it should be.
 */
abstract class Sample {
  protected final PrintStream out;
  private int step;

  Sample(PrintStream out) {
    this.out = out;
  }

  /** The story, told against {@code stack}. */
  abstract void run(LocalStack stack) throws Exception;

  /** Runs the sample on a fresh stack; true when every check held. */
  final boolean runOnFreshStack() throws Exception {
    Path dir = Files.createTempDirectory("vesper-sample-");
    try (LocalStack stack = LocalStack.start(new LocalStack.Options(dir, "127.0.0.1", 0, null, Duration.ofSeconds(2)), quiet())) {
      run(stack);
      out.println();
      out.println("Done: every step behaved as described.");
      return true;
    } catch (SampleFailed e) {
      out.println("UNEXPECTED: " + e.getMessage());
      return false;
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  static void main(Sample sample) throws Exception {
    System.exit(sample.runOnFreshStack() ? 0 : 1);
  }

  void step(String text) {
    out.println();
    out.println(++step + ". " + text);
  }

  void say(String text) {
    out.println("   " + text);
  }

  static void check(boolean condition, String what) {
    if (!condition) {
      throw new SampleFailed(what);
    }
  }

  /** Thrown when the system did not behave as the sample says it does. */
  static final class SampleFailed extends RuntimeException {
    SampleFailed(String message) {
      super(message);
    }
  }

  /** The persona presents, at the holder service, for a call from {@code orig} to {@code dest}. */
  static Map<String, Object> presentCall(LocalStack stack, String apiKey, String orig, String dest) throws IOException, InterruptedException {
    return StackClient.call("POST", stack.holderUrl() + "/v1/presentations/call", apiKey,
        Map.of("orig", orig, "dest", List.of(dest), "iat", Instant.now().getEpochSecond()));
  }

  /** The stack's verifier checks a presentation for the audience and nonce it was bound to. */
  static Map<String, Object> verify(LocalStack stack, String presentation, Object aud, Object nonce) throws IOException, InterruptedException {
    return StackClient.call("POST", stack.verifierUrl() + "/v1/presentations/verify", null,
        Map.of("presentation", presentation, "aud", aud, "nonce", nonce));
  }

  private static PrintStream quiet() {
    return new PrintStream(OutputStream.nullOutputStream());
  }
}
