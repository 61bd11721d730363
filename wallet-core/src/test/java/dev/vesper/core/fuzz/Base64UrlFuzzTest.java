package dev.vesper.core.fuzz;

import static dev.vesper.core.testing.Fuzz.require;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vesper.core.json.Base64Url;
import dev.vesper.core.testing.Fuzz;
import java.util.Arrays;

/** Strict base64url: an accepted text is the one encoding of its bytes, and every byte string round-trips. */
class Base64UrlFuzzTest {
  @FuzzTest
  void decode(byte[] data) {
    String text = Fuzz.latin1(data);
    Fuzz.attempt(() -> Base64Url.decode(text, "input")).ifPresent(bytes ->
        require(Base64Url.encode(bytes).equals(text), "an accepted text is the canonical encoding of its bytes"));
    byte[] back = Fuzz.attempt(() -> Base64Url.decode(Base64Url.encode(data), "encoded"))
        .orElseThrow(() -> new AssertionError("our own encoding is refused"));
    require(Arrays.equals(back, data), "encode then decode gives the bytes back");
  }
}
