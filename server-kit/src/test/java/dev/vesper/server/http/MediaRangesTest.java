package dev.vesper.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 9110 §12.5.1 for a resource served as application/statuslist+jwt only. */
class MediaRangesTest {
  @ParameterizedTest(name = "[{0}] -> {1}")
  @CsvSource(delimiter = '|', nullValues = "NULL", value = {
      "NULL | true", "'' | true", "application/statuslist+jwt | true", "APPLICATION/StatusList+JWT | true",
      "*/* | true", "application/* | true", "text/html, */*;q=0.1 | true",
      "application/statuslist+cwt | false", "application/json | false", "application/statuslist+cwt, application/statuslist+jwt;q=0.5 | true",
      "application/statuslist+jwt;q=0, */* | false", "*/*;q=0 | false", "application/statuslist+jwt;q=nan | false",
      "application/statuslist+jwt; q=0.001 | true", "application/*;q=0, application/statuslist+jwt | true"})
  void accepts(String accept, boolean expected) {
    assertThat(MediaRanges.accepts(accept, "application/statuslist+jwt")).isEqualTo(expected);
  }

  @ParameterizedTest(name = "[{0}] -> {1}")
  @CsvSource(delimiter = '|', nullValues = "NULL", value = {
      "NULL | 1.0", "*/* | 1.0", "text/html | 1.0", "application/json | 0.0", "text/*;q=0.4 | 0.4",
      "text/html;q=0.2, */* | 0.2", "text/html,application/xhtml+xml,*/*;q=0.8 | 1.0", "application/json, */*;q=0.1 | 0.1"})
  void qualityOfTheMostSpecificRange(String accept, double expected) {
    assertThat(MediaRanges.quality(accept, "text/html")).isEqualTo(expected);
  }
}
