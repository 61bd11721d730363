package dev.vesper.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonAndBase64UrlTest {
  private static ErrorCode codeOf(ThrowingRunnable r) {
    try {
      r.run();
    } catch (VesperException e) {
      return e.code();
    }
    throw new AssertionError("expected a VesperException");
  }

  interface ThrowingRunnable {
    void run() throws VesperException;
  }

  @Test
  void integersStayIntegers() throws VesperException {
    Map<String, Object> m = Json.parseObject("{\"iat\":1683000000,\"big\":123456789012345678901234567890,\"f\":1.5}");
    assertThat(m.get("iat")).isEqualTo(1683000000L);
    assertThat(m.get("big")).isEqualTo(new BigInteger("123456789012345678901234567890"));
    assertThat(Json.write(m)).isEqualTo("{\"iat\":1683000000,\"big\":123456789012345678901234567890,\"f\":1.5}");
  }

  @Test
  void refusesDuplicateMembersTrailingDataAndComments() {
    assertThat(codeOf(() -> Json.parseObject("{\"a\":1,\"a\":2}"))).isEqualTo(ErrorCode.PARSE_BAD_JSON);
    assertThat(codeOf(() -> Json.parseObject("{\"a\":1} {}"))).isEqualTo(ErrorCode.PARSE_BAD_JSON);
    assertThat(codeOf(() -> Json.parseObject("{/*c*/\"a\":1}"))).isEqualTo(ErrorCode.PARSE_BAD_JSON);
    assertThat(codeOf(() -> Json.parseObject("[1]"))).isEqualTo(ErrorCode.PARSE_BAD_JSON);
    assertThat(codeOf(() -> Json.parseObject("{\"a\":NaN}"))).isEqualTo(ErrorCode.PARSE_BAD_JSON);
  }

  @Test
  void refusesBomAndInvalidUtf8() {
    byte[] bom = "\uFEFF{}".getBytes(StandardCharsets.UTF_8);
    assertThat(codeOf(() -> Json.parseObject(bom))).isEqualTo(ErrorCode.PARSE_BAD_JSON);
    byte[] invalid = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
    assertThat(codeOf(() -> Json.parseObject(invalid))).isEqualTo(ErrorCode.PARSE_BAD_JSON);
    byte[] surrogate = {'{', '"', 'a', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'};
    assertThat(codeOf(() -> Json.parseObject(surrogate))).isEqualTo(ErrorCode.PARSE_BAD_JSON);
  }

  /** Found by JsonFuzzTest: an unpaired surrogate escape parsed, then could not be written back as read. */
  @Test
  void refusesUnpairedSurrogateEscapesInValuesAndNames() throws VesperException {
    assertThat(codeOf(() -> Json.parse("\"\\ud800\"".getBytes(StandardCharsets.UTF_8)))).isEqualTo(ErrorCode.PARSE_BAD_JSON);
    assertThat(codeOf(() -> Json.parseObject("{\"a\":[\"x\\udc00\"]}"))).isEqualTo(ErrorCode.PARSE_BAD_JSON);
    assertThat(codeOf(() -> Json.parseObject("{\"\\ud83d\":1}"))).isEqualTo(ErrorCode.PARSE_BAD_JSON);
    assertThat(Json.parse("\"\\ud83d\\ude00\"".getBytes(StandardCharsets.UTF_8))).isEqualTo("\ud83d\ude00");
  }

  /** Found by JsonFuzzTest: a 14-digit exponent escaped as NumberFormatException; 1e999999999 parsed. */
  @Test
  void refusesExponentsOutOfRange() throws VesperException {
    assertThat(codeOf(() -> Json.parseObject("{\"a\":[1e234567890123]}"))).isEqualTo(ErrorCode.PARSE_BAD_JSON);
    assertThat(codeOf(() -> Json.parseObject("{\"a\":1e999999999}"))).isEqualTo(ErrorCode.PARSE_BAD_JSON);
    assertThat(codeOf(() -> Json.parseObject("{\"a\":1.5e-1001}"))).isEqualTo(ErrorCode.PARSE_BAD_JSON);
    assertThat(Json.parseObject("{\"a\":1.5e300}").get("a")).isEqualTo(new BigDecimal("1.5e300"));
  }

  @Test
  void refusesDeepNestingWithoutStackOverflow() {
    String deep = "{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
    assertThat(codeOf(() -> Json.parseObject(deep))).isEqualTo(ErrorCode.PARSE_TOO_DEEP);
  }

  @Test
  void canonicalJsonSortsMembers() {
    assertThat(Json.writeCanonical(Map.of("b", 1, "a", Map.of("d", 2, "c", 3)))).isEqualTo("{\"a\":{\"c\":3,\"d\":2},\"b\":1}");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Zm9v=", "Zm+v", "Zm/v", "Zm 9v", "Zm9v\n", "Zg=", "Z", "Zh", "Zm9", "Zm9w8"})
  void base64UrlRefusesNonCanonicalForms(String text) {
    assertThatThrownBy(() -> Base64Url.decode(text, "test"))
        .isInstanceOf(VesperException.class)
        .extracting(e -> ((VesperException) e).code())
        .isEqualTo(ErrorCode.PARSE_BAD_BASE64URL);
  }

  @Property
  void base64UrlRoundTrips(@ForAll byte[] bytes) throws VesperException {
    assertThat(Base64Url.decode(Base64Url.encode(bytes), "test")).isEqualTo(bytes);
  }
}
