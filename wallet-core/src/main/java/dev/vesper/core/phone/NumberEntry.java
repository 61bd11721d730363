package dev.vesper.core.phone;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One element of a VESPER token's {@code tn} array: a single canonical number, or a range. In JSON a
 * single number is a string ({@code "12025550100"}) and a range an object
 * ({@code {"start":"12025550100","count":100}}). Immutable.
 */
public final class NumberEntry {
  private final TelephoneNumber single;
  private final NumberRange range;

  private NumberEntry(TelephoneNumber single, NumberRange range) {
    this.single = single;
    this.range = range;
  }

  public static NumberEntry of(TelephoneNumber number) {
    return new NumberEntry(Objects.requireNonNull(number, "number == null"), null);
  }

  public static NumberEntry of(NumberRange range) {
    return new NumberEntry(null, Objects.requireNonNull(range, "range == null"));
  }

  /**
   * Reads an entry from token JSON, which must already be canonical (the verifier's reading: nothing is
   * normalised, so the bytes the issuer signed are the bytes compared).
   */
  public static NumberEntry fromCanonicalJson(Object value) throws VesperException {
    if (value instanceof String s) {
      if (!TelephoneNumber.isCanonical(s)) {
        throw new VesperException(
            ErrorCode.TN_INVALID, "tn entry '" + TelephoneNumber.abbreviate(s) + "' is not a canonical number");
      }
      return of(new TelephoneNumber(s));
    }
    if (value instanceof Map<?, ?> map) {
      if (map.size() != 2 || !(map.get("start") instanceof String start) || !(map.get("count") instanceof Long count)) {
        throw new VesperException(
            ErrorCode.TN_RANGE_INVALID, "a tn range must be exactly {\"start\": string, \"count\": integer}");
      }
      return of(NumberRange.of(start, count));
    }
    throw new VesperException(ErrorCode.TN_INVALID, "a tn entry must be a string or a range object");
  }

  /**
   * Reads an entry from issuance input, where people may write numbers in any form
   * {@link TelephoneNumber#parse} accepts, including a range's start.
   */
  public static NumberEntry fromInput(Object value) throws VesperException {
    if (value instanceof String s) {
      return of(TelephoneNumber.parse(s));
    }
    if (value instanceof Map<?, ?> map && map.get("start") instanceof String start) {
      Map<String, Object> canonical = new LinkedHashMap<>();
      map.forEach((k, v) -> canonical.put((String) k, v));
      canonical.put("start", TelephoneNumber.parse(start).digits());
      return fromCanonicalJson(canonical);
    }
    return fromCanonicalJson(value);
  }

  public boolean isRange() {
    return range != null;
  }

  /** True when this entry covers {@code number}. */
  public boolean covers(TelephoneNumber number) {
    return single != null ? single.equals(number) : range.covers(number);
  }

  /** True when the two entries share a number. */
  public boolean overlaps(NumberEntry other) {
    if (single != null) {
      return other.covers(single);
    }
    if (other.single != null) {
      return range.covers(other.single);
    }
    return range.overlaps(other.range);
  }

  /** The single number, or null for a range. */
  public TelephoneNumber single() {
    return single;
  }

  /** The range, or null for a single number. */
  public NumberRange range() {
    return range;
  }

  /** The token JSON form. */
  public Object toJson() {
    if (single != null) {
      return single.digits();
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("start", range.start().digits());
    out.put("count", range.count());
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NumberEntry other && Objects.equals(single, other.single) && Objects.equals(range, other.range);
  }

  @Override
  public int hashCode() {
    return Objects.hash(single, range);
  }

  @Override
  public String toString() {
    return single != null ? single.toString() : range.toString();
  }
}
