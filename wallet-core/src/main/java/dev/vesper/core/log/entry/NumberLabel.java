package dev.vesper.core.log.entry;

import dev.vesper.core.error.VesperException;
import dev.vesper.core.phone.NumberEntry;
import dev.vesper.core.phone.NumberRange;
import dev.vesper.core.phone.TelephoneNumber;
import java.util.Objects;
import java.util.Optional;

/**
 * How a telephone number (or range) appears in a log entry: a keyed pseudonym by default
 * ({@link NumberLabeler}), or in clear when its holder opted in to public listing. Immutable.
 *
 * <p>Wire form: {@code uint8 kind; select(kind) {0: opaque label[32]; 1: digits<1..255>;
 * 2: digits<1..255>, uint64 count}}.
 */
public final class NumberLabel {
  private final Hash32 pseudonym;
  private final NumberEntry listed;

  private NumberLabel(Hash32 pseudonym, NumberEntry listed) {
    this.pseudonym = pseudonym;
    this.listed = listed;
  }

  public static NumberLabel pseudonym(Hash32 label) {
    return new NumberLabel(Objects.requireNonNull(label, "label == null"), null);
  }

  /** A number or range its holder chose to list publicly: readable by anyone who reads the log. */
  public static NumberLabel listed(NumberEntry entry) {
    return new NumberLabel(null, Objects.requireNonNull(entry, "entry == null"));
  }

  public boolean isListed() {
    return listed != null;
  }

  public Optional<Hash32> pseudonym() {
    return Optional.ofNullable(pseudonym);
  }

  public Optional<NumberEntry> listedEntry() {
    return Optional.ofNullable(listed);
  }

  void writeTo(Wire.Writer w) {
    if (pseudonym != null) {
      w.u8(0).fixed(pseudonym.raw());
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
    return o instanceof NumberLabel l && Objects.equals(pseudonym, l.pseudonym) && Objects.equals(listed, l.listed);
  }

  @Override
  public int hashCode() {
    return Objects.hash(pseudonym, listed);
  }

  @Override
  public String toString() {
    return pseudonym != null ? "label:" + pseudonym.hex() : "listed:" + listed;
  }
}
