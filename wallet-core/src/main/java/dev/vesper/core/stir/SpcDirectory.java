package dev.vesper.core.stir;

import dev.vesper.core.phone.NumberEntry;
import java.util.List;
import java.util.Map;

/**
 * Which numbers a service provider code stands for, so that an SPC entry of a TNAuthList can cover a
 * number (RFC 8226 leaves it to a directory; without one, an SPC covers nothing). Immutable.
 */
public record SpcDirectory(Map<String, List<NumberEntry>> numbersBySpc) {
  public SpcDirectory {
    numbersBySpc = Map.copyOf(numbersBySpc);
  }

  public static SpcDirectory none() {
    return new SpcDirectory(Map.of());
  }

  public List<NumberEntry> numbers(String spc) {
    return numbersBySpc.getOrDefault(spc, List.of());
  }
}
