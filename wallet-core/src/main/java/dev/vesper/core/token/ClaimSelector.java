package dev.vesper.core.token;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.phone.NumberEntry;
import dev.vesper.core.phone.TelephoneNumber;
import dev.vesper.core.sdjwt.ClaimPath;
import dev.vesper.core.sdjwt.Disclosure;
import dev.vesper.core.sdjwt.HolderToken;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a holder discloses or a verifier requires, in the command-line notation: a claim path in dot
 * form ({@code name}, {@code address.locality}) or a number ({@code tn=12025550100}) meaning "the
 * {@code tn} element that covers this number", whether a single number or a range. Immutable.
 */
public final class ClaimSelector {
  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_]{1,64}");

  private final ClaimPath path;
  private final TelephoneNumber number;

  private ClaimSelector(ClaimPath path, TelephoneNumber number) {
    this.path = path;
    this.number = number;
  }

  /** A selector for the {@code tn} element covering {@code number}. */
  public static ClaimSelector number(TelephoneNumber number) {
    return new ClaimSelector(null, Objects.requireNonNull(number, "number == null"));
  }

  /** A selector for a claim path. */
  public static ClaimSelector path(ClaimPath path) {
    return new ClaimSelector(Objects.requireNonNull(path, "path == null"), null);
  }

  /** Parses {@code name}, {@code address.locality}, {@code tn.0} or {@code tn=+1 202 555 0100}. */
  public static ClaimSelector parse(String text) throws VesperException {
    Objects.requireNonNull(text, "text == null");
    if (text.startsWith(VesperToken.TN + "=")) {
      return number(TelephoneNumber.parse(text.substring(3)));
    }
    String[] parts = text.split("\\.", -1);
    List<Object> segments = new ArrayList<>(parts.length);
    for (String part : parts) {
      if (!SEGMENT.matcher(part).matches()) {
        throw new VesperException(
            ErrorCode.PRESENTATION_BAD_PATH, "claim path '" + clip(text) + "' is not name, a.b or tn=NUMBER");
      }
      segments.add(part.chars().allMatch(Character::isDigit) ? (Object) Integer.valueOf(part) : part);
    }
    return path(new ClaimPath(segments));
  }

  /** The claim path, for a path selector. */
  public Optional<ClaimPath> claimPath() {
    return Optional.ofNullable(path);
  }

  /** The number, for a {@code tn=NUMBER} selector. */
  public Optional<TelephoneNumber> number() {
    return Optional.ofNullable(number);
  }

  /** The disclosures (with parents) that reveal this selection in {@code token}. */
  public Set<Disclosure> select(HolderToken token) throws VesperException {
    if (number == null) {
      return token.disclosuresFor(path);
    }
    Set<Disclosure> found = token.disclosuresForElements(ClaimPath.of(VesperToken.TN), value -> covers(value, number));
    if (found.isEmpty()) {
      throw new VesperException(ErrorCode.PRESENTATION_UNKNOWN_PATH, "no tn entry of the token covers " + number);
    }
    return found;
  }

  /** True when verified {@code claims} reveal this selection. */
  public boolean isSatisfiedBy(Map<String, Object> claims) {
    if (number != null) {
      if (!(claims.get(VesperToken.TN) instanceof List<?> entries)) {
        return false;
      }
      for (Object e : entries) {
        if (covers(e, number)) {
          return true;
        }
      }
      return false;
    }
    return path.existsIn(claims);
  }

  private static boolean covers(Object tnElement, TelephoneNumber number) {
    try {
      return NumberEntry.fromCanonicalJson(tnElement).covers(number);
    } catch (VesperException e) {
      return false;
    }
  }

  private static String clip(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "…" : s;
  }

  @Override
  public String toString() {
    return number != null ? VesperToken.TN + "=" + number : path.toString();
  }
}
