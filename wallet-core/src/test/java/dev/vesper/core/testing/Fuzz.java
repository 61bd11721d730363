package dev.vesper.core.testing;

import dev.vesper.core.crypto.Signer;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.json.Base64Url;
import dev.vesper.core.json.Json;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The invariant every fuzz target asserts, and the small helpers they share (docs/security-and-privacy.md,
 * Fuzzing). A parser of outside input may refuse it only with a {@link VesperException} whose message is
 * short (it names what is wrong and never echoes the input); anything else that escapes (a runtime
 * exception, an error, a hang) is a finding: Jazzer saves the input and the test fails.
 */
public final class Fuzz {
  /** The longest error message a parser may produce; longer ones echo input into logs and problems. */
  public static final int MAX_MESSAGE = 512;

  private Fuzz() {}

  /** A parse step that may refuse with a {@link VesperException}. */
  @FunctionalInterface
  public interface Step<T> {
    T run() throws VesperException;
  }

  /** A check that may refuse with a {@link VesperException}. */
  @FunctionalInterface
  public interface Check {
    void run() throws VesperException;
  }

  /** A parsed JSON value; {@code value} is null for the JSON literal {@code null}. */
  public record Parsed(Object value) {}

  /** {@link dev.vesper.core.json.Json#parse} the accepted way: the value (JSON null included), or empty when refused. */
  public static Optional<Parsed> json(byte[] data) {
    return attempt(() -> new Parsed(Json.parse(data)));
  }

  /** Runs {@code step} (which never answers null): its value, or empty when it refused the input the accepted way. */
  public static <T> Optional<T> attempt(Step<T> step) {
    try {
      return Optional.of(step.run());
    } catch (VesperException e) {
      requireShortMessage(e);
      return Optional.empty();
    }
  }

  /** Runs {@code check}: true when it passed, false when it refused the accepted way. */
  public static boolean passes(Check check) {
    try {
      check.run();
      return true;
    } catch (VesperException e) {
      requireShortMessage(e);
      return false;
    }
  }

  private static void requireShortMessage(VesperException e) {
    if (e.getMessage().length() > MAX_MESSAGE) {
      throw new AssertionError(
          "a " + e.code().id() + " message of " + e.getMessage().length() + " characters echoes its input");
    }
  }

  /** Fails the target when {@code condition} does not hold. */
  public static void require(boolean condition, String invariant) {
    if (!condition) {
      throw new AssertionError("invariant broken: " + invariant);
    }
  }

  /**
   * True when two parsed JSON values are the same JSON value: objects by members (order ignored), arrays
   * element by element, numbers by value (an integer and a fraction of equal value are the same number).
   */
  public static boolean sameJson(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString())) == 0;
    }
    if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
      if (!x.keySet().equals(y.keySet())) {
        return false;
      }
      for (Object k : x.keySet()) {
        if (!sameJson(x.get(k), y.get(k))) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof List<?> x && b instanceof List<?> y) {
      if (x.size() != y.size()) {
        return false;
      }
      for (int i = 0; i < x.size(); i++) {
        if (!sameJson(x.get(i), y.get(i))) {
          return false;
        }
      }
      return true;
    }
    return Objects.equals(a, b);
  }

  /** The input as text, one char per byte (ISO-8859-1), so every byte string is a distinct text. */
  public static String latin1(byte[] data) {
    return new String(data, StandardCharsets.ISO_8859_1);
  }

  /** The input as UTF-8 text (malformed sequences become U+FFFD). */
  public static String utf8(byte[] data) {
    return new String(data, StandardCharsets.UTF_8);
  }

  /**
   * Splits a structured seed into its sections: lines that hold only {@code separator} divide them.
   * Seeds stay readable files, and the fuzzer mutates each section's text.
   */
  public static List<String> sections(String text, String separator) {
    return List.of(text.split("\n" + Pattern.quote(separator) + "\n", -1));
  }

  /**
   * A compact JWS over the exact bytes given (header and payload need not be JSON), signed by
   * {@code key}: structure-aware targets use it to get past a signature check and reach the claim rules.
   */
  public static String signRaw(byte[] header, byte[] payload, Signer key) {
    String input = Base64Url.encode(header) + "." + Base64Url.encode(payload);
    return input + "." + Base64Url.encode(key.sign(input.getBytes(StandardCharsets.US_ASCII)));
  }
}
