package dev.vesper.core.fuzz;

import static dev.vesper.core.testing.Fuzz.require;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vesper.core.stir.IdentityHeader;
import dev.vesper.core.stir.Passport;
import dev.vesper.core.testing.Fuzz;

/**
 * The SIP Identity header (RFC 8224 §4), as a SIP INVITE brings it (network-facing). Invariants: only
 * {@code VesperException}; the header as we write it parses back to the same value; the PASSporT it
 * carries goes on to the PASSporT parser under the same rule.
 */
class IdentityHeaderFuzzTest {
  @FuzzTest
  void parse(byte[] data) {
    String value = Fuzz.utf8(data);
    Fuzz.attempt(() -> IdentityHeader.parse(value)).ifPresent(header -> {
      IdentityHeader again = Fuzz.attempt(() -> IdentityHeader.parse(header.toString()))
          .orElseThrow(() -> new AssertionError("a parsed header, written back, does not parse: " + header));
      require(again.equals(header), "a parsed header written back parses to the same value");
      header.algorithm();
      Fuzz.attempt(() -> Passport.parse(header.passport()));
    });
  }
}
