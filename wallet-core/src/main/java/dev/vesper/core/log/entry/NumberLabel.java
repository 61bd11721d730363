package dev.vesper.core.log.entry;

import dev.vesper.core.error.VesperException;
import dev.vesper.core.phone.NumberEntry;
import dev.vesper.core.phone.NumberRange;
import dev.vesper.core.phone.TelephoneNumber;
import java.util.Objects;
import java.util.Optional;

/**
 * How a telephone number (or range) appears in a log entry: a per-token label by default
 * ({@link NumberLabeler#tokenLabel}: different in every token, so labels link no tokens), in clear when
 * its holder opted in to public listing, or — in entries logged before per-token labels — a keyed
 * pseudonym that is the same for every entry naming the number. Immutable.
 *
 * <p>Wire form: {@code uint8 kind; select(kind) {0: opaque pseudonym[32]; 1: digits<1..255>;
 * 2: digits<1..255>, uint64 count; 3: opaque token_label[32]}}.
 */
public final class NumberLabel {
  private final Hash32 pseudonym;
  private final NumberEntry listed;
  private final boolean perToken;

  private NumberLabel(Hash32 pseudonym, NumberEntry listed, boolean perToken) {
    this.pseudonym = pseudonym;
    this.listed = listed;
    this.perToken = perToken;
  }

  /** Kind 0: a keyed pseudonym, the same in every entry naming the number (docs/transparency.md §3.1). */
  public static NumberLabel pseudonym(Hash32 label) {
    return new NumberLabel(Objects.requireNonNull(label, "label == null"), null, false);
  }

  /** Kind 3: a label computed for one token ({@link TokenLabels}); only its number's key holders recognise it. */
  public static NumberLabel perToken(Hash32 label) {
    return new NumberLabel(Objects.requireNonNull(label, "label == null"), null, true);
  }

  /** True for a per-token label (kind 3). */
  public boolean isPerToken() {
    return perToken;
  }

  /** A number or range its holder chose to list publicly: readable by anyone who reads the log. */
  public static NumberLabel listed(NumberEntry entry) {
    return new NumberLabel(null, Objects.requireNonNull(entry, "entry == null"), false);
  }

  public boolean isListed() {
    return listed != null;
  }

  /** The 32 opaque bytes of a pseudonym (kind 0) or per-token label (kind 3); empty when listed. */
  public Optional<Hash32> pseudonym() {
    return Optional.ofNullable(pseudonym);
  }

  public Optional<NumberEntry> listedEntry() {
    return Optional.ofNullable(listed);
  }

  void writeTo(Wire.Writer w) {
    if (pseudonym != null) {
      w.u8(perToken ? 3 : 0).fixed(pseudonym.raw());
    } else if (!listed.isRange()) {
      w.u8(1).ascii8(listed.single().digits());
    } else {
      w.u8(2).ascii8(listed.range().start().digits()).u64(listed.range().count());
    }
  }

  static NumberLabel readFrom(Wire.Reader r) throws VesperException {
    int kind = r.u8();
    switch (kind) {
      case 0:
        return pseudonym(Hash32.of(r.fixed(32)));
      case 1:
        return listed(NumberEntry.of(number(r)));
      case 2: {
        TelephoneNumber start = number(r);
        long count = r.u64();
        try {
          return listed(NumberEntry.of(NumberRange.of(start.digits(), count)));
        } catch (VesperException e) {
          throw r.bad("listed range: " + e.getMessage());
        }
      }
      case 3:
        return perToken(Hash32.of(r.fixed(32)));
      default:
        throw r.bad("unknown number label kind " + kind);
    }
  }

  private static TelephoneNumber number(Wire.Reader r) throws VesperException {
    String digits = r.ascii8("listed number", false);
    if (!TelephoneNumber.isCanonical(digits)) {
      throw r.bad("listed number is not canonical digits");
    }
    return new TelephoneNumber(digits);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NumberLabel l && perToken == l.perToken && Objects.equals(pseudonym, l.pseudonym) && Objects.equals(listed, l.listed);
  }

  @Override
  public int hashCode() {
    return Objects.hash(pseudonym, listed, perToken);
  }

  @Override
  public String toString() {
    return pseudonym != null ? (perToken ? "token-label:" : "label:") + pseudonym.hex() : "listed:" + listed;
  }
}
