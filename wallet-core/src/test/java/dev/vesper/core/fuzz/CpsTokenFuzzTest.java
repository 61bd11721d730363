package dev.vesper.core.fuzz;

import static dev.vesper.core.testing.Fuzz.require;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.json.Json;
import dev.vesper.core.phone.TnAuthList;
import dev.vesper.core.stir.CpsToken;
import dev.vesper.core.stir.SpcDirectory;
import dev.vesper.core.stir.StiCredentials;
import dev.vesper.core.stir.StiPki;
import dev.vesper.core.testing.Fuzz;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Call Placement Service's access tokens (docs/stir-profile.md §4.1) as the CPS receives them in
 * {@code Authorization: Bearer} (network-facing). Input: the compact JWS, or {@code json} on the first
 * line and then header and payload JSON sections divided by lines holding only {@code .}: a header object
 * without {@code x5c} gets the test carrier's chain, and the whole is signed with the carrier's key, so
 * the fuzzer reaches the claim checks. Invariants: only {@code VesperException}; a verified token is for
 * this CPS, acts for numbers its signer holds, and has not expired.
 */
class CpsTokenFuzzTest {
  private static final StiPki PKI = StiPki.generate(new SecureRandom(new byte[] {7}), "Fuzz");
  private static final StiPki.Credential CARRIER = PKI.issue("Fuzz carrier",
      new TnAuthList(List.of(new TnAuthList.Range("12025550000", 10000), new TnAuthList.One("14155550123"))));
  private static final StiCredentials TRUST = StiCredentials.trusting(List.of(PKI.root()), SpcDirectory.none());
  private static final Instant NOW = Instant.ofEpochSecond(1_800_000_000L);

  @FuzzTest
  void verify(byte[] data) {
    String text = token(Fuzz.utf8(data));
    Fuzz.attempt(() -> CpsToken.verify(text, "cps.example", TRUST, NOW)).ifPresent(t -> {
      require(t.expires().isAfter(NOW), "a verified token has not expired");
      require(t.action() != null && t.orig() != null && t.dest() != null && t.jti() != null, "a verified token is complete");
    });
  }

  @SuppressWarnings("unchecked")
  private static String token(String input) {
    if (!input.startsWith("json\n")) {
      return input;
    }
    List<String> parts = Fuzz.sections(input.substring(5), ".");
    byte[] header = parts.get(0).getBytes(StandardCharsets.UTF_8);
    try {
      if (Json.parse(header) instanceof Map<?, ?> h && !h.containsKey("x5c")) {
        Map<String, Object> withChain = new LinkedHashMap<>((Map<String, Object>) h);
        withChain.put("x5c", CARRIER.x5c());
        header = Json.write(withChain).getBytes(StandardCharsets.UTF_8);
      }
    } catch (VesperException e) {
      // not JSON: signed as it is
    }
    return Fuzz.signRaw(header, (parts.size() > 1 ? parts.get(1) : "").getBytes(StandardCharsets.UTF_8), CARRIER.key());
  }
}
