package dev.vesper.core.phone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NumberRangeTest {
  @Test
  void coversTheNumericWindowOfTheSameLength() throws VesperException {
    NumberRange range = NumberRange.of("12025550200", 100);
    assertThat(range.covers(new TelephoneNumber("12025550200"))).isTrue();
    assertThat(range.covers(new TelephoneNumber("12025550299"))).isTrue();
    assertThat(range.covers(new TelephoneNumber("12025550300"))).isFalse();
    assertThat(range.covers(new TelephoneNumber("12025550199"))).isFalse();
    assertThat(range.covers(new TelephoneNumber("120255502000"))).isFalse();
    assertThat(range.last().digits()).isEqualTo("12025550299");
  }

  @Test
  void lastNumberMayReachTheEdgeOfItsLength() throws VesperException {
    // 100..999: the last number keeps 3 digits (RFC 8226 §9: all numbers of a range have one length).
    assertThat(NumberRange.of("100", 900).last().digits()).isEqualTo("999");
  }

  @ParameterizedTest(name = "{0}+{1}")
  @CsvSource({"100,901", "999,2", "12025550200,1", "12025550200,0", "12025550200,-5", "0120,10"})
  void refusesRangesThatBreakRfc8226(String start, long count) {
    assertThatThrownBy(() -> NumberRange.of(start, count))
        .isInstanceOf(VesperException.class)
        .extracting(e -> ((VesperException) e).code())
        .isEqualTo(ErrorCode.TN_RANGE_INVALID);
  }

  @Test
  void overlapsOnlyWithinOneLength() throws VesperException {
    NumberRange a = NumberRange.of("12025550200", 100);
    assertThat(a.overlaps(NumberRange.of("12025550299", 5))).isTrue();
    assertThat(a.overlaps(NumberRange.of("12025550300", 5))).isFalse();
    assertThat(a.overlaps(NumberRange.of("1202555020", 5))).isFalse();
    assertThat(NumberEntry.of(a).overlaps(NumberEntry.of(new TelephoneNumber("12025550250")))).isTrue();
  }
}
