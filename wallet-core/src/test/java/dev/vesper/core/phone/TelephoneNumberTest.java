package dev.vesper.core.phone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TelephoneNumberTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "+1 (202) 555-0100|12025550100",
        "+1-202-555-0100|12025550100",
        "+1.202.555.0100|12025550100",
        "12025550100|12025550100",
        "  +44 20 7946 0958  |442079460958",
        "tel:+1-202-555-0100|12025550100",
        "TEL:+1-202-555-0100;phone-context=example.com|12025550100",
        "tel:555-0100;phone-context=+1-202|12025550100",
        "tel:+12025550100;foo=bar|12025550100",
        "sip:+12025550100@carrier.example;user=phone|12025550100",
        "sips:+1-202-555-0100;npdi@carrier.example|12025550100",
        "+999999999999999|999999999999999",
      })
  void canonicalises(String input, String digits) throws VesperException {
    assertThat(TelephoneNumber.parse(input).digits()).isEqualTo(digits);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "+",
        "(202) 555-0100",
        "202 555 0100",
        "+1 202 CALL ACME",
        "+1202555010012345",
        "+12",
        "+0 202 555 0100",
        "tel:555-0100",
        "tel:555-0100;phone-context=example.com",
        "tel:+1-202-555-0100;ext=12",
        "tel:+1-202-555-0100;isub=12",
        "sip:alice@example.com",
        "+1\u0000202",
        "++12025550100",
        "١٢٠٢٥٥٥٠١٠٠",
      })
  void refusesWhatHasNoCanonicalForm(String input) {
    assertThatThrownBy(() -> TelephoneNumber.parse(input))
        .isInstanceOf(VesperException.class)
        .extracting(e -> ((VesperException) e).code())
        .isEqualTo(ErrorCode.TN_INVALID);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0123", "12a4", "", "1234567890123456"})
  void constructorRejectsNonCanonical(String digits) {
    assertThatThrownBy(() -> new TelephoneNumber(digits)).isInstanceOf(IllegalArgumentException.class);
  }
}
