package dev.vesper.core.phone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Vectors from reference/vesper-stir.md §3.4 (draft-wendt-stir-tn-domain-binding, public test code). */
class TnAuthListTest {
  private static byte[] hex(String s) {
    return HexFormat.of().parseHex(s.replace(" ", ""));
  }

  @Test
  void encodesSpcWithExplicitTag() {
    byte[] der = new TnAuthList(List.of(new TnAuthList.Spc("1234"))).encode();
    assertThat(der).isEqualTo(hex("30 08 A0 06 16 04 31 32 33 34"));
  }

  @Test
  void encodesOneNumberWithExplicitTag() {
    byte[] der = new TnAuthList(List.of(new TnAuthList.One("12015550100"))).encode();
    assertThat(der).isEqualTo(hex("30 0F A2 0D 16 0B 31 32 30 31 35 35 35 30 31 30 30"));
  }

  @Test
  void decodesRangeAndSkipsExtensionElements() throws VesperException {
    TnAuthList list = TnAuthList.decode(hex("30 0e a1 0c 30 0a 16 03 31 30 30 02 01 05 05 00"));
    assertThat(list.entries()).containsExactly(new TnAuthList.Range("100", 5));
    assertThat(list.covers(new TelephoneNumber("104"))).isTrue();
    assertThat(list.covers(new TelephoneNumber("105"))).isFalse();
  }

  @Test
  void roundTripsEveryEntryKind() throws VesperException {
    TnAuthList list =
        new TnAuthList(List.of(new TnAuthList.Spc("0A1B"), new TnAuthList.Range("12025550200", 100), new TnAuthList.One("12025550100")));
    assertThat(TnAuthList.decode(list.encode())).isEqualTo(list);
    assertThat(list.covers(new TelephoneNumber("12025550250"))).isTrue();
    assertThat(list.covers(new TelephoneNumber("12025550100"))).isTrue();
    assertThat(list.covers(new TelephoneNumber("12025550101"))).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "30 06 80 04 31 32 33 34", // implicit tag
        "30 00", // empty list
        "30 0b a1 09 30 07 16 02 31 30 02 01 01", // count 1
        "30 0b a1 09 30 07 16 02 31 30 02 01 5b", // 10 + 91 runs past 2 digits
        "30 0c a1 0a 30 08 16 03 2a 31 30 02 01 05", // start with *
        "30 08 A0 06 16 04 31 32 33 34 00", // trailing byte
        "30 80 A0 06 16 04 31 32 33 34 00 00", // BER indefinite length
        "30 08 A3 06 16 04 31 32 33 34", // unknown tag
        "30 08 A2 06 0C 04 31 32 33 34", // UTF8String instead of IA5String
        "30 0A A2 08 16 06 31 32 41 42 43 44", // letters in a TelephoneNumber
        "31 08 A0 06 16 04 31 32 33 34", // SET instead of SEQUENCE
        "",
      })
  void refusesMalformedEncodings(String der) {
    assertThatThrownBy(() -> TnAuthList.decode(hex(der)))
        .isInstanceOf(VesperException.class)
        .extracting(e -> ((VesperException) e).code())
        .isEqualTo(ErrorCode.TN_AUTH_LIST_MALFORMED);
  }
}
