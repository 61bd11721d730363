package dev.vesper.core.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.json.Base64Url;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** Status list encoding against draft-ietf-oauth-status-list's examples (§4.1), plus properties and hostile input. */
class StatusListTest {
  @Test
  void decodesTheDraftsOneBitExample() throws Exception {
    // status_list_encoding_json.md: bytes [0xB9, 0xA3] -> "eNrbuRgAAhcBXQ"; statuses 0..15 read 1001110111000101.
    StatusList list = StatusList.fromJson(Map.of("bits", 1L, "lst", "eNrbuRgAAhcBXQ"));
    assertThat(list.rawBytes()).containsExactly(0xB9, 0xA3);
    StringBuilder read = new StringBuilder();
    for (int i = 0; i < 16; i++) {
      read.append(list.get(i));
    }
    assertThat(read.toString()).isEqualTo("1001110111000101");
  }

  @Test
  void decodesTheDraftsTwoBitExample() throws Exception {
    // status_list_encoding2_json.md: bytes [0xC9, 0x44, 0xF9] -> "eNo76fITAAPfAgc"; statuses 1,2,0,3,0,1,0,1,1,2,3,3.
    StatusList list = StatusList.fromJson(Map.of("bits", 2L, "lst", "eNo76fITAAPfAgc"));
    assertThat(list.rawBytes()).containsExactly(0xC9, 0x44, 0xF9);
    int[] expected = {1, 2, 0, 3, 0, 1, 0, 1, 1, 2, 3, 3};
    for (int i = 0; i < expected.length; i++) {
      assertThat(list.get(i)).as("index " + i).isEqualTo(expected[i]);
    }
    assertThat(list.size()).isEqualTo(12);
  }

  @Test
  void encodesTheDraftsBytesToAStreamThatDecodesBack() throws Exception {
    StatusList list = StatusList.ofBytes(2, new byte[] {(byte) 0xC9, 0x44, (byte) 0xF9});
    assertThat(StatusList.fromJson(list.toJson())).isEqualTo(list);
  }

  @Property(tries = 200)
  void setThenGetRoundTripsThroughTheCompressedForm(
      @ForAll("bits") int bits, @ForAll @Size(min = 1, max = 64) List<@IntRange(min = 0, max = 511) Integer> indexes,
      @ForAll @IntRange(min = 0, max = 255) int code) throws Exception {
    StatusList list = StatusList.allValid(bits, 512);
    int value = code % (1 << bits);
    for (int i : indexes) {
      list.set(i, value);
    }
    StatusList back = StatusList.fromJson(list.toJson());
    for (int i = 0; i < 512; i++) {
      assertThat(back.get(i)).isEqualTo(indexes.contains(i) ? value : 0);
    }
  }

  @Provide
  Arbitrary<Integer> bits() {
    return Arbitraries.of(1, 2, 4, 8);
  }

  @Test
  void anIndexPastTheEndIsRefused() {
    StatusList list = StatusList.allValid(2, 16);
    assertThatThrownBy(() -> list.get(16)).isInstanceOf(VesperException.class)
        .extracting(e -> ((VesperException) e).code()).isEqualTo(ErrorCode.STATUS_INDEX_OUT_OF_RANGE);
  }

  @Test
  void hostileListsAreRefused() {
    byte[] bomb = new byte[StatusList.MAX_BYTES + 1];
    String bombLst = Base64Url.encode(zlib(bomb));
    String good = "eNrbuRgAAhcBXQ";
    byte[] goodBytes = Base64.getUrlDecoder().decode(good);
    byte[] trailing = Arrays.copyOf(goodBytes, goodBytes.length + 1);
    byte[] truncated = Arrays.copyOf(goodBytes, goodBytes.length - 3);
    for (Object json : new Object[] {
        Map.of("bits", 3L, "lst", good), Map.of("bits", 1L), Map.of("bits", "1", "lst", good), "not an object",
        Map.of("bits", 1L, "lst", "!!"), Map.of("bits", 1L, "lst", Base64Url.encode(new byte[] {1, 2, 3})),
        Map.of("bits", 1L, "lst", Base64Url.encode(trailing)), Map.of("bits", 1L, "lst", Base64Url.encode(truncated)),
        Map.of("bits", 1L, "lst", Base64Url.encode(zlib(new byte[0]))), Map.of("bits", 1L, "lst", bombLst)}) {
      assertThatThrownBy(() -> StatusList.fromJson(json)).as(String.valueOf(json).substring(0, Math.min(60, String.valueOf(json).length())))
          .isInstanceOf(VesperException.class)
          .extracting(e -> ((VesperException) e).code()).isEqualTo(ErrorCode.STATUS_LIST_INVALID);
    }
  }

  private static byte[] zlib(byte[] raw) {
    Deflater d = new Deflater(Deflater.BEST_COMPRESSION);
    d.setInput(raw);
    d.finish();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    while (!d.finished()) {
      out.write(buf, 0, d.deflate(buf));
    }
    d.end();
    return out.toByteArray();
  }
}
