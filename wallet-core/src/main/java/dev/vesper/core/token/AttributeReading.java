package dev.vesper.core.token;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.phone.NumberEntry;
import java.util.List;
import java.util.Map;

/**
 * Where attributes come from, and so what the rules demand beyond their forms. Issuance input is
 * complete and may use liberal number forms; a presentation carries what the holder chose, in
 * canonical form only.
 */
enum AttributeReading {
  /** Issuance input: every required attribute, no empty part, liberal number forms canonicalised, no overlaps. */
  ISSUANCE_INPUT {
    @Override
    boolean mayCarry(String name) {
      return IdentityAttributes.isAttribute(name);
    }

    @Override
    void requirePresent(Map<String, Object> in, String name) throws VesperException {
      if (!in.containsKey(name)) {
        throw IdentityAttributes.bad("'" + name + "' is required");
      }
    }

    @Override
    void requireNonEmpty(boolean empty, ErrorCode code, String message) throws VesperException {
      if (empty) {
        throw new VesperException(code, message);
      }
    }

    @Override
    NumberEntry number(Object value) throws VesperException {
      return NumberEntry.fromInput(value);
    }

    @Override
    void checkTogether(List<NumberEntry> entries) throws VesperException {
      for (int i = 0; i < entries.size(); i++) {
        for (int j = i + 1; j < entries.size(); j++) {
          if (entries.get(i).overlaps(entries.get(j))) {
            throw new VesperException(
                ErrorCode.ISSUANCE_OVERLAPPING_NUMBERS,
                "tn entries " + entries.get(i) + " and " + entries.get(j) + " overlap");
          }
        }
      }
    }
  },
  /** A verified presentation: the always-visible claims beside the attributes, nothing required, canonical forms. */
  PRESENTED {
    @Override
    boolean mayCarry(String name) {
      return IdentityAttributes.isAttribute(name) || VesperToken.ALWAYS_VISIBLE.contains(name);
    }

    @Override
    void requirePresent(Map<String, Object> in, String name) {}

    @Override
    void requireNonEmpty(boolean empty, ErrorCode code, String message) {}

    @Override
    NumberEntry number(Object value) throws VesperException {
      return NumberEntry.fromCanonicalJson(value);
    }

    @Override
    void checkTogether(List<NumberEntry> entries) {}
  };

  /** True when a top-level member {@code name} may appear. */
  abstract boolean mayCarry(String name);

  /** Refuses input without {@code name} when this reading requires it. */
  abstract void requirePresent(Map<String, Object> in, String name) throws VesperException;

  /** Refuses an empty object or list ({@code code}, {@code message}) when this reading requires content. */
  abstract void requireNonEmpty(boolean empty, ErrorCode code, String message) throws VesperException;

  /** One {@code tn} entry, in the forms this reading accepts. */
  abstract NumberEntry number(Object value) throws VesperException;

  /** Checks the {@code tn} entries as a whole. */
  abstract void checkTogether(List<NumberEntry> entries) throws VesperException;
}
