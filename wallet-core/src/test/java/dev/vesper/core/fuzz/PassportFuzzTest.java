package dev.vesper.core.fuzz;

import static dev.vesper.core.testing.Fuzz.require;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vesper.core.crypto.SigningKey;
import dev.vesper.core.stir.Passport;
import dev.vesper.core.testing.Fixtures;
import dev.vesper.core.testing.Fuzz;
import dev.vesper.core.token.CallBinding;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * PASSporTs (RFC 8225) as the STI-VS receives them (network-facing). Input: the compact PASSporT, or
 * {@code json} on the first line and then header and payload JSON sections divided by lines holding
 * only {@code .} (the builder encodes and signs them). Invariants: only {@code VesperException}; the
 * text is kept; numbers come out canonical; the call binding derived from a parsed PASSporT is
 * computable.
 */
class PassportFuzzTest {
  private static final SigningKey SIGNER = Fixtures.issuerKey();

  @FuzzTest
  void parse(byte[] data) {
    String text = passport(Fuzz.utf8(data));
    Fuzz.attempt(() -> Passport.parse(text)).ifPresent(p -> {
      require(p.text().equals(text), "the received text is kept");
      require(p.iat() >= 0, "iat is a non-negative NumericDate");
      p.ppt();
      p.x5c();
      p.x5u();
      p.verifiedBy(SIGNER.publicJwk());
      String origid = p.origid().orElse(null);
      if (origid == null || (!origid.isEmpty() && origid.length() <= 256)) {
        new CallBinding(p.orig(), p.dest(), p.iat(), origid).nonce();
      }
    });
  }

  private static String passport(String input) {
    if (!input.startsWith("json\n")) {
      return input;
    }
    List<String> parts = Fuzz.sections(input.substring(5), ".");
    return Fuzz.signRaw(
        parts.get(0).getBytes(StandardCharsets.UTF_8),
        (parts.size() > 1 ? parts.get(1) : "").getBytes(StandardCharsets.UTF_8),
        SIGNER);
  }
}
