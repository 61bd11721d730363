package dev.vesper.core.phone;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import java.util.Locale;
import java.util.Objects;

/**
 * A telephone number in the canonical form of RFC 8224 §8.3: the international (E.164) digits with
 * country code, no {@code +}, no separators, 3 to 15 digits, first digit not zero. Immutable.
 *
 * @param digits the canonical digits, e.g. {@code 12025550100}
 */
public record TelephoneNumber(String digits) implements Comparable<TelephoneNumber> {
  /** E.164 allows at most 15 digits. */
  public static final int MAX_DIGITS = 15;

  static final int MIN_DIGITS = 3;

  public TelephoneNumber {
    Objects.requireNonNull(digits, "digits == null");
    if (!isCanonical(digits)) {
      throw new IllegalArgumentException("not a canonical telephone number: " + abbreviate(digits));
    }
  }

  /** True when {@code text} is already canonical. */
  public static boolean isCanonical(String text) {
    int n = text.length();
    if (n < MIN_DIGITS || n > MAX_DIGITS || text.charAt(0) == '0') {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /**
   * Canonicalises what people and SIP stacks write: {@code +1 (202) 555-0100},
   * {@code tel:+1-202-555-0100}, {@code tel:555-0100;phone-context=+1-202},
   * {@code sip:+12025550100@example.com;user=phone}, or already canonical digits.
   *
   * <p>Refused, with {@link ErrorCode#TN_INVALID}: letters, a local number without a global
   * {@code phone-context} (a domain context has no canonical form), {@code ext} and {@code isub}
   * parameters (they name something other than the number), national forms without {@code +} that
   * carry separators (the country code cannot be known), and any result outside 3..15 digits.
   */
  public static TelephoneNumber parse(String input) throws VesperException {
    Objects.requireNonNull(input, "input == null");
    String text = input.strip();
    if (text.length() > 256) {
      throw invalid(input, "is too long");
    }
    String lower = text.toLowerCase(Locale.ROOT);
    if (lower.startsWith("tel:")) {
      return fromTelUri(input, text.substring(4));
    }
    if (lower.startsWith("sip:") || lower.startsWith("sips:")) {
      return fromSipUri(input, text.substring(text.indexOf(':') + 1));
    }
    if (text.startsWith("+")) {
      return finish(input, stripSeparators(input, text.substring(1), true));
    }
    if (!isDigits(text)) {
      throw invalid(input, "needs a leading + (or must be canonical digits with the country code)");
    }
    return finish(input, text);
  }

  private static TelephoneNumber fromTelUri(String input, String subscriber) throws VesperException {
    String[] parts = subscriber.split(";", -1);
    String number = parts[0];
    String context = null;
    for (int i = 1; i < parts.length; i++) {
      String param = parts[i];
      int eq = param.indexOf('=');
      String name = (eq < 0 ? param : param.substring(0, eq)).toLowerCase(Locale.ROOT);
      String value = eq < 0 ? "" : param.substring(eq + 1);
      switch (name) {
        case "phone-context" -> context = value;
        case "ext", "isub" -> throw invalid(input, "carries " + name + ", which has no canonical form");
        default -> {
          // Other tel URI parameters do not change the number.
        }
      }
    }
    if (number.startsWith("+")) {
      return finish(input, stripSeparators(input, number.substring(1), false));
    }
    if (context == null || !context.startsWith("+")) {
      throw invalid(input, "is a local number without a global phone-context");
    }
    String prefix = stripSeparators(input, context.substring(1), false);
    return finish(input, prefix + stripSeparators(input, number, false));
  }

  private static TelephoneNumber fromSipUri(String input, String rest) throws VesperException {
    int at = rest.indexOf('@');
    if (at < 0) {
      throw invalid(input, "is a SIP URI without a user part");
    }
    String user = rest.substring(0, at);
    int semi = user.indexOf(';');
    if (semi >= 0) {
      user = user.substring(0, semi);
    }
    if (!user.startsWith("+")) {
      throw invalid(input, "is a SIP URI whose user part is not a global number");
    }
    return finish(input, stripSeparators(input, user.substring(1), false));
  }

  /** Removes RFC 3966 visual separators (and spaces where people write them). */
  private static String stripSeparators(String input, String text, boolean allowSpaces) throws VesperException {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        out.append(c);
      } else if (c == '-' || c == '.' || c == '(' || c == ')' || (allowSpaces && c == ' ')) {
        continue;
      } else {
        throw invalid(input, "contains '" + printable(c) + "'");
      }
    }
    return out.toString();
  }

  private static TelephoneNumber finish(String input, String digits) throws VesperException {
    if (digits.length() < MIN_DIGITS || digits.length() > MAX_DIGITS) {
      throw invalid(input, "must have 3 to 15 digits including the country code");
    }
    if (digits.charAt(0) == '0') {
      throw invalid(input, "cannot start with 0 (country codes never do)");
    }
    return new TelephoneNumber(digits);
  }

  private static boolean isDigits(String text) {
    if (text.isEmpty()) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) < '0' || text.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static VesperException invalid(String input, String why) {
    return new VesperException(ErrorCode.TN_INVALID, "telephone number '" + abbreviate(input) + "' " + why);
  }

  static String abbreviate(String s) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < Math.min(s.length(), 40); i++) {
      out.append(printable(s.charAt(i)));
    }
    return s.length() > 40 ? out + "…" : out.toString();
  }

  private static String printable(char c) {
    return c < 0x20 || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c);
  }

  @Override
  public int compareTo(TelephoneNumber other) {
    int byLength = Integer.compare(digits.length(), other.digits.length());
    return byLength != 0 ? byLength : digits.compareTo(other.digits);
  }

  @Override
  public String toString() {
    return digits;
  }
}
