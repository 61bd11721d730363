package dev.vesper.core.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The project's only JSON adapter: Jackson stays behind it. Values cross it as plain Java:
 * {@code Map<String,Object>} (insertion-ordered), {@code List<Object>}, {@code String}, {@code Long} or
 * {@code BigInteger} for integers (never a double), {@code BigDecimal} for fractions, {@code Boolean}, null.
 *
 * <p>Parsing is strict: UTF-8 only (no BOM, no invalid sequences), no duplicate member names, no trailing
 * content, nesting bounded by {@link #MAX_NESTING_DEPTH}. Thread-safe.
 */
public final class Json {
  /** JSON nesting deeper than this is refused before any recursion happens in our code. */
  public static final int MAX_NESTING_DEPTH = 32;

  /** The largest decimal exponent a JSON fraction may carry (double range is about ±308). */
  static final int MAX_EXPONENT = 1000;

  private static final ObjectMapper MAPPER = newMapper(false);
  private static final ObjectMapper CANONICAL = newMapper(true);

  private Json() {}

  private static ObjectMapper newMapper(boolean sortKeys) {
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING_DEPTH)
                    .maxNumberLength(100)
                    .maxStringLength(1 << 20)
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    return JsonMapper.builder(factory)
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .disable(JsonParser.Feature.ALLOW_COMMENTS)
        .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, sortKeys)
        .build();
  }

  /** Parses a JSON object from UTF-8 bytes. */
  public static Map<String, Object> parseObject(byte[] utf8) throws VesperException {
    Object value = parse(utf8);
    if (!(value instanceof Map)) {
      throw new VesperException(ErrorCode.PARSE_BAD_JSON, "expected a JSON object");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> map = (Map<String, Object>) value;
    return map;
  }

  /** Parses a JSON object from text. */
  public static Map<String, Object> parseObject(String text) throws VesperException {
    return parseObject(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Parses any JSON value from UTF-8 bytes. */
  public static Object parse(byte[] utf8) throws VesperException {
    String text = strictUtf8(utf8);
    Object value;
    try {
      value = MAPPER.readValue(text, Object.class);
    } catch (StreamConstraintsException e) {
      throw new VesperException(ErrorCode.PARSE_TOO_DEEP, "JSON exceeds the nesting or size limits");
    } catch (JsonProcessingException e) {
      throw new VesperException(ErrorCode.PARSE_BAD_JSON, "invalid JSON: " + clip(e.getOriginalMessage()));
    } catch (NumberFormatException e) {
      // Found by JsonFuzzTest: Jackson refuses an exponent of more than 10 digits (1e234567890123) with
      // an unchecked exception instead of a JsonProcessingException.
      throw new VesperException(ErrorCode.PARSE_BAD_JSON, "invalid JSON: a number is out of range");
    }
    return normalise(value);
  }

  /**
   * Integers become Long (Jackson yields Integer, Long or BigInteger by size; we expose Long or BigInteger
   * only), and every string and member name is checked for unpaired surrogates: {@code "\ud800"} is
   * valid JSON syntax but names no character (RFC 8259 §8.2; I-JSON, RFC 7493 §2.1, forbids it), and it
   * could not be written back as the UTF-8 that was signed. A fraction's exponent stays within
   * ±{@value #MAX_EXPONENT}: {@code 1e999999999} is one token, but turning it into an integer or a double
   * takes minutes (and nothing in our formats needs numbers past IEEE double range, RFC 8259 §6).
   */
  @SuppressWarnings("unchecked")
  private static Object normalise(Object value) throws VesperException {
    if (value instanceof Integer i) {
      return i.longValue();
    }
    if (value instanceof String s) {
      requireScalarValues(s);
    } else if (value instanceof BigDecimal d) {
      if (Math.abs((long) d.precision() - d.scale()) > MAX_EXPONENT || Math.abs((long) d.scale()) > MAX_EXPONENT) {
        throw new VesperException(ErrorCode.PARSE_BAD_JSON, "a JSON number's exponent is out of range");
      }
    } else if (value instanceof Map) {
      for (Map.Entry<String, Object> e : ((Map<String, Object>) value).entrySet()) {
        requireScalarValues(e.getKey());
        Object v = e.getValue();
        if (v != null && !(v instanceof Boolean) && !(v instanceof Long)) {
          e.setValue(normalise(v));
        }
      }
    } else if (value instanceof List) {
      List<Object> list = (List<Object>) value;
      for (int i = 0; i < list.size(); i++) {
        Object v = list.get(i);
        if (v != null && !(v instanceof Boolean) && !(v instanceof Long)) {
          list.set(i, normalise(v));
        }
      }
    }
    return value;
  }

  private static void requireScalarValues(String s) throws VesperException {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new VesperException(ErrorCode.PARSE_BAD_JSON, "JSON text escapes an unpaired surrogate (RFC 8259 §8.2)");
      }
    }
  }

  /** Jackson's messages quote the offending token; keep them short (they reach logs and problems). */
  private static String clip(String message) {
    return message.length() > 160 ? message.substring(0, 160) + "…" : message;
  }

  /** Compact JSON, members in the order given (insertion order of maps). */
  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("value is not serialisable as JSON", e);
    }
  }

  /**
   * Deterministic JSON (RFC 8225 §9, RFC 7638 §3): members sorted by name, no whitespace, UTF-8. Used
   * for JWK thumbprints and PASSporT signing input.
   */
  public static String writeCanonical(Object value) {
    try {
      return CANONICAL.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("value is not serialisable as JSON", e);
    }
  }

  /** Pretty-printed JSON for people. */
  public static String writePretty(Object value) {
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("value is not serialisable as JSON", e);
    }
  }

  /** Decodes UTF-8 strictly: a BOM, malformed or unmappable sequences are refused. */
  static String strictUtf8(byte[] utf8) throws VesperException {
    if (utf8.length >= 3 && (utf8[0] & 0xff) == 0xEF && (utf8[1] & 0xff) == 0xBB && (utf8[2] & 0xff) == 0xBF) {
      throw new VesperException(ErrorCode.PARSE_BAD_JSON, "JSON must not start with a byte order mark");
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(utf8))
          .toString();
    } catch (CharacterCodingException e) {
      throw new VesperException(ErrorCode.PARSE_BAD_JSON, "JSON is not valid UTF-8");
    }
  }

  /** True for the integer representations this adapter produces. */
  public static boolean isInteger(Object value) {
    return value instanceof Long || value instanceof BigInteger;
  }

  /** {@link #freeze(Object)} for an object. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> freezeMap(Map<String, Object> value) {
    return (Map<String, Object>) freeze(value);
  }

  /** A deep, unmodifiable copy of a parsed JSON value. */
  @SuppressWarnings("unchecked")
  public static Object freeze(Object value) {
    if (value instanceof Map) {
      Map<String, Object> in = (Map<String, Object>) value;
      LinkedHashMap<String, Object> out = new LinkedHashMap<>();
      in.forEach((k, v) -> out.put(k, freeze(v)));
      return Collections.unmodifiableMap(out);
    }
    if (value instanceof List) {
      List<Object> in = (List<Object>) value;
      ArrayList<Object> out = new ArrayList<>(in.size());
      for (Object v : in) {
        out.add(freeze(v));
      }
      return Collections.unmodifiableList(out);
    }
    return value;
  }
}
