package dev.vesper.core.log.entry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.json.Json;
import dev.vesper.core.testing.Fixtures;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One JSON file per malformed entry (src/test/resources/log-entry-negative): a valid entry of
 * {@code base} (index into {@link Entries#bodies()}) with one edit, which decoding must refuse with
 * {@code expect}. Edits: {@code set} (hex at an offset), {@code append}, {@code body} (replace the body
 * and fix its length), {@code signatureLength}, {@code jwk} (the issuer key's JSON, {x}/{y} filled in),
 * {@code padTo} (a total length).
 */
class NegativeEntryCasesTest {
  private static final int HEADER = 1 + 2 + 8 + 8 + 32;
  private static final HexFormat HEX = HexFormat.of();

  static Stream<Path> cases() throws Exception {
    Path dir = Path.of(NegativeEntryCasesTest.class.getResource("/log-entry-negative").toURI());
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> list = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
      assertThat(list).hasSizeGreaterThanOrEqualTo(20);
      return list.stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void refused(Path file) throws Exception {
    Map<String, Object> c = Json.parseObject(Files.readString(file));
    assertThat((String) c.get("desc")).isNotBlank();
    byte[] input = build(c);
    try {
      LogEntry decoded = LogEntry.decode(input);
      throw new AssertionError("accepted " + c.get("desc") + ": " + decoded);
    } catch (VesperException e) {
      assertThat(e.code()).as(c.get("desc") + " -> " + e.getMessage()).isEqualTo(ErrorCode.fromId((String) c.get("expect")));
      assertThat(e.getMessage()).doesNotContain("Exception");
    }
  }

  /** Without its edit, every base decodes: each case isolates one deviation. */
  @Test
  void theBasesAreValid() throws Exception {
    for (EntryBody body : Entries.bodies()) {
      assertThat(LogEntry.decode(Entries.signed(body).encode()).submission().body()).isEqualTo(body);
    }
  }

  private static byte[] build(Map<String, Object> c) throws Exception {
    byte[] base = Entries.signed(Entries.bodies().get(((Number) c.getOrDefault("base", 0L)).intValue())).encode();
    int bodyLength = ((base[HEADER] & 0xFF) << 8) | (base[HEADER + 1] & 0xFF);
    byte[] header = Arrays.copyOf(base, HEADER);
    byte[] body = Arrays.copyOfRange(base, HEADER + 2, HEADER + 2 + bodyLength);
    byte[] signature = Arrays.copyOfRange(base, HEADER + 2 + bodyLength + 2, base.length);
    if (c.containsKey("body")) {
      body = HEX.parseHex((String) c.get("body"));
    }
    if (c.containsKey("jwk")) {
      Map<String, Object> jwk = Fixtures.issuerKey().publicJwk().toJson();
      String json = ((String) c.get("jwk")).replace("{x}", (String) jwk.get("x")).replace("{y}", (String) jwk.get("y"));
      body = issuerKeyBody(json.getBytes(StandardCharsets.UTF_8));
    }
    if (c.containsKey("signatureLength")) {
      signature = new byte[((Number) c.get("signatureLength")).intValue()];
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(header);
    out.write(body.length >>> 8);
    out.write(body.length);
    out.write(body);
    out.write(signature.length >>> 8);
    out.write(signature.length);
    out.write(signature);
    if (c.containsKey("append")) {
      out.write(HEX.parseHex((String) c.get("append")));
    }
    byte[] bytes = out.toByteArray();
    if (c.containsKey("set")) {
      byte[] patch = HEX.parseHex((String) c.get("set"));
      System.arraycopy(patch, 0, bytes, ((Number) c.get("at")).intValue(), patch.length);
    }
    if (c.containsKey("padTo")) {
      bytes = Arrays.copyOf(bytes, ((Number) c.get("padTo")).intValue());
    }
    return bytes;
  }

  /** issuer "iss", kid "k1", the given key JSON, no end, reason 0. */
  private static byte[] issuerKeyBody(byte[] json) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(HEX.parseHex("03697373" + "026b31"));
    out.write(json.length >>> 8);
    out.write(json.length);
    out.writeBytes(json);
    out.writeBytes(new byte[8]);
    out.write(0);
    return out.toByteArray();
  }
}
