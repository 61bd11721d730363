package dev.vesper.core.fuzz;

import static dev.vesper.core.testing.Fuzz.require;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vesper.core.phone.NumberEntry;
import dev.vesper.core.phone.TelephoneNumber;
import dev.vesper.core.testing.Fuzz;
import java.util.Optional;

/**
 * Telephone numbers and URIs as people and SIP stacks write them ({@code +1 (202) …}, {@code tel:},
 * {@code sip:}), and {@code tn} entries of token JSON. Invariants: the canonical form is canonical and a
 * fixed point of parsing; a canonical entry's JSON is the JSON it was read from.
 */
class TelephoneNumberFuzzTest {
  @FuzzTest
  void parse(byte[] data) {
    String text = Fuzz.utf8(data);
    Fuzz.attempt(() -> TelephoneNumber.parse(text)).ifPresent(number -> {
      require(TelephoneNumber.isCanonical(number.digits()), "the result is canonical");
      require(Fuzz.attempt(() -> TelephoneNumber.parse(number.digits())).equals(Optional.of(number)),
          "canonical digits parse to themselves");
      require(Fuzz.attempt(() -> TelephoneNumber.parse("tel:+" + number.digits())).equals(Optional.of(number)),
          "the tel URI of the number parses to it");
    });
    Fuzz.json(data).ifPresent(parsed -> {
      Object json = parsed.value();
      Fuzz.attempt(() -> NumberEntry.fromCanonicalJson(json)).ifPresent(entry -> {
        require(entry.toJson().equals(json), "a canonical tn entry writes back as read");
        require(entry.covers(entry.isRange() ? entry.range().start() : entry.single()), "an entry covers its first number");
        if (entry.isRange()) {
          require(entry.covers(entry.range().last()), "a range covers its last number");
        }
      });
      Fuzz.attempt(() -> NumberEntry.fromInput(json)).ifPresent(entry ->
          require(Fuzz.attempt(() -> NumberEntry.fromCanonicalJson(entry.toJson())).equals(Optional.of(entry)),
              "an entry read from input is canonical"));
    });
  }
}
