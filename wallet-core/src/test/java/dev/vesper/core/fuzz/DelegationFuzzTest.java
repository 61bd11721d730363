package dev.vesper.core.fuzz;

import static dev.vesper.core.testing.Fuzz.require;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vesper.core.crypto.SigningKey;
import dev.vesper.core.phone.TelephoneNumber;
import dev.vesper.core.testing.Fixtures;
import dev.vesper.core.testing.Fuzz;
import dev.vesper.core.token.Delegation;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A contact centre's delegation ({@code vesper-delegation+jwt}, docs/token-profile.md §6) as the verifier
 * reads it from a call (network-facing). Input: the compact JWT, or {@code json} on the first line and
 * then header and payload JSON sections divided by lines holding only {@code .} (signed by a fixture key).
 * Invariants: only {@code VesperException}; a parsed delegation names 1 to 10 canonical numbers, an agent
 * thumbprint of 43 characters, non-negative times; checking its signature never throws.
 */
class DelegationFuzzTest {
  private static final SigningKey CLIENT = Fixtures.holderKey();

  @FuzzTest
  void parse(byte[] data) {
    String text = jwt(Fuzz.utf8(data));
    Fuzz.attempt(() -> Delegation.parse(text)).ifPresent(d -> {
      List<TelephoneNumber> numbers = d.numbers();
      require(!numbers.isEmpty() && numbers.size() <= Delegation.MAX_NUMBERS, "1 to 10 numbers");
      numbers.forEach(n -> require(TelephoneNumber.isCanonical(n.digits()), "numbers are canonical"));
      require(d.agentThumbprint().length() == 43, "the agent is named by an RFC 7638 thumbprint");
      require(d.issuedAt() >= 0 && d.expiresAt() >= 0, "times are non-negative NumericDates");
      require(d.audience() != null && d.nonce() != null && d.sdHash() != null, "the binding is complete");
      d.signedBy(CLIENT.publicJwk());
    });
  }

  private static String jwt(String input) {
    if (!input.startsWith("json\n")) {
      return input;
    }
    List<String> parts = Fuzz.sections(input.substring(5), ".");
    return Fuzz.signRaw(parts.get(0).getBytes(StandardCharsets.UTF_8),
        (parts.size() > 1 ? parts.get(1) : "").getBytes(StandardCharsets.UTF_8), CLIENT);
  }
}
