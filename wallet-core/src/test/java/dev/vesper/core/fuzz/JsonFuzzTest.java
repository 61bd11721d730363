package dev.vesper.core.fuzz;

import static dev.vesper.core.testing.Fuzz.require;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vesper.core.json.Json;
import dev.vesper.core.testing.Fuzz;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The strict JSON reader: whatever it accepts, the writer (as given and canonical) writes back as JSON
 * that reads to the same JSON value (numbers compared by value: {@code 1e0} is read as a fraction and
 * written as {@code 1}) and writes to the same text, so what we sign is what we parsed.
 */
class JsonFuzzTest {
  @FuzzTest
  void parse(byte[] data) {
    Fuzz.json(data).ifPresent(parsed -> {
      Object value = parsed.value();
      String written = Json.write(value);
      Object again = reread(written);
      require(Fuzz.sameJson(again, value), "written JSON reads back to an equal value");
      require(Json.write(again).equals(written), "writing is stable");
      String canonical = Json.writeCanonical(value);
      require(Fuzz.sameJson(reread(canonical), value), "canonical JSON reads back to an equal value");
      require(Objects.equals(Json.freeze(value), value), "a frozen copy is equal");
    });
  }

  private static Object reread(String written) {
    return Fuzz.json(written.getBytes(StandardCharsets.UTF_8))
        .orElseThrow(() -> new AssertionError("the writer's output does not parse back: " + written)).value();
  }
}
