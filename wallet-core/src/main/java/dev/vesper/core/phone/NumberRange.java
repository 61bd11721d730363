package dev.vesper.core.phone;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import java.util.Objects;

/**
 * {@code count} consecutive telephone numbers of the same length as {@code start} (RFC 8226 §9).
 * Invariants, checked on construction: {@code start} is canonical, {@code count >= 2}, and the last
 * number {@code start + count - 1} still has as many digits as {@code start}. Immutable.
 */
public record NumberRange(TelephoneNumber start, long count) {
  public NumberRange {
    Objects.requireNonNull(start, "start == null");
    if (count < 2) {
      throw new IllegalArgumentException("a range covers at least 2 numbers, got " + count);
    }
    if (count > limit(start) - Long.parseLong(start.digits())) {
      throw new IllegalArgumentException(
          "range " + start + "+" + count + " runs past " + start.digits().length() + " digits");
    }
  }

  /** Validates untrusted input, mapping every violation to {@link ErrorCode#TN_RANGE_INVALID}. */
  public static NumberRange of(String start, long count) throws VesperException {
    if (!TelephoneNumber.isCanonical(start)) {
      throw new VesperException(
          ErrorCode.TN_RANGE_INVALID, "range start '" + TelephoneNumber.abbreviate(start) + "' is not canonical");
    }
    try {
      return new NumberRange(new TelephoneNumber(start), count);
    } catch (IllegalArgumentException e) {
      throw new VesperException(ErrorCode.TN_RANGE_INVALID, e.getMessage());
    }
  }

  /** 10^digits of {@code start}: the first number that no longer fits. */
  private static long limit(TelephoneNumber start) {
    long limit = 1;
    for (int i = 0; i < start.digits().length(); i++) {
      limit *= 10;
    }
    return limit;
  }

  private long first() {
    return Long.parseLong(start.digits());
  }

  /** The last number of the range. */
  public TelephoneNumber last() {
    return new TelephoneNumber(Long.toString(first() + count - 1));
  }

  /** True when {@code number} has the same length as {@code start} and lies in the numeric window. */
  public boolean covers(TelephoneNumber number) {
    if (number.digits().length() != start.digits().length()) {
      return false;
    }
    long n = Long.parseLong(number.digits());
    return n >= first() && n - first() < count;
  }

  /** True when the two ranges share a number. */
  public boolean overlaps(NumberRange other) {
    if (other.start.digits().length() != start.digits().length()) {
      return false;
    }
    long a = first();
    long b = other.first();
    return a < b + other.count && b < a + count;
  }

  @Override
  public String toString() {
    return start + "+" + count;
  }
}
