package dev.vesper.core.fuzz;

import static dev.vesper.core.testing.Fuzz.require;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vesper.core.crypto.SigningKey;
import dev.vesper.core.stir.Passport;
import dev.vesper.core.stir.RichCallData;
import dev.vesper.core.testing.Fixtures;
import dev.vesper.core.testing.Fuzz;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Rich Call Data (RFC 9795 {@code rcd}, {@code rcdi}, {@code crn}) as the STI-VS reads it from a verified
 * PASSporT (network-facing). Input: PASSporT header and payload JSON sections divided by lines holding
 * only {@code .} (signed by a fixture key), or a compact PASSporT. Invariants: only
 * {@code VesperException}; what is read has a name, and writing it into a payload and reading it back
 * gives the same RCD.
 */
class RichCallDataFuzzTest {
  private static final SigningKey SIGNER = Fixtures.issuerKey();

  @FuzzTest
  void read(byte[] data) {
    String input = Fuzz.utf8(data);
    String text = input.contains("\n.\n") || input.startsWith("{") ? signed(input) : input;
    Fuzz.attempt(() -> Passport.parse(text)).flatMap(p -> Fuzz.attempt(() -> Optional.ofNullable(RichCallData.read(p))))
        .flatMap(o -> o).ifPresent(rcd -> {
          require(rcd.nam() != null && !rcd.nam().isEmpty(), "RCD names the caller");
          Map<String, Object> payload = new LinkedHashMap<>(Map.of("orig", Map.of("tn", "12025550100"),
              "dest", Map.of("tn", List.of("14155550123")), "iat", 1_800_000_000L));
          rcd.addTo(payload);
          String again = Passport.sign(Map.of("ppt", "shaken", "x5u", "https://cert.example/c.pem"), payload, SIGNER);
          require(Fuzz.attempt(() -> RichCallData.read(Passport.parse(again))).map(rcd::equals).orElse(false),
              "RCD written and read back is the same");
        });
  }

  private static String signed(String input) {
    List<String> parts = Fuzz.sections(input, ".");
    return Fuzz.signRaw(parts.get(0).getBytes(StandardCharsets.UTF_8),
        (parts.size() > 1 ? parts.get(1) : "").getBytes(StandardCharsets.UTF_8), SIGNER);
  }
}
