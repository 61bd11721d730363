package dev.vesper.server.testing;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The ways an attacker spells one path to slip past a check that compares strings: trailing and doubled
 * slashes, {@code %2F} for a separator, case variants, dot segments, path parameters, percent-encoded
 * letters. Sent raw ({@link RawHttp}), so no client normalises them first.
 */
public final class PathSpellings {
  private PathSpellings() {}

  /** Every spelling of {@code path} (which starts with {@code /}), the canonical one first. */
  public static List<String> of(String path) {
    Set<String> out = new LinkedHashSet<>();
    out.add(path);
    out.add(path + "/");
    out.add(path + "//");
    out.add("/" + path);
    out.add(path + "/.");
    out.add(path + ";");
    out.add(path + ";x=1");
    out.add(path + "%20");
    out.add(path + "?");
    out.add(path + "#");
    out.add("/x/.." + path);
    out.add(path.toUpperCase(Locale.ROOT));
    List<Integer> separators = new ArrayList<>();
    for (int i = 1; i < path.length(); i++) {
      if (path.charAt(i) == '/') {
        separators.add(i);
      }
    }
    for (int i : separators) {
      out.add(path.substring(0, i) + "//" + path.substring(i + 1));
      out.add(path.substring(0, i) + "/./" + path.substring(i + 1));
      out.add(path.substring(0, i) + "%2F" + path.substring(i + 1));
      out.add(path.substring(0, i) + "%2f" + path.substring(i + 1));
      out.add(path.substring(0, i) + ";/" + path.substring(i + 1));
      // The segment after the separator with its first letter upper-cased.
      if (Character.isLetter(path.charAt(i + 1))) {
        out.add(path.substring(0, i + 1) + Character.toUpperCase(path.charAt(i + 1)) + path.substring(i + 2));
      }
    }
    int last = path.length() - 1;
    if (Character.isLetter(path.charAt(last))) {
      out.add(path.substring(0, last) + String.format("%%%02X", (int) path.charAt(last)));
      out.add(path.substring(0, last) + String.format("%%%02x", (int) path.charAt(last)));
    }
    out.add(path.replace("/", "%2F"));
    return List.copyOf(out);
  }
}
