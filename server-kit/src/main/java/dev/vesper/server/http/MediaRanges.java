package dev.vesper.server.http;

import java.util.Locale;

/**
 * RFC 9110 §12.5.1 {@code Accept} for a resource served as one media type: acceptable when the header is
 * absent, or names that type, its {@code type/*} or {@code *}{@code /*} with a non-zero {@code q}. A more
 * specific range decides over a wildcard ({@code application/statuslist+jwt;q=0} refuses even with
 * {@code *}{@code /*}).
 */
public final class MediaRanges {
  private MediaRanges() {}

  public static boolean accepts(String accept, String mediaType) {
    if (accept == null || accept.isBlank()) {
      return true;
    }
    String type = mediaType.toLowerCase(Locale.ROOT);
    String family = type.substring(0, type.indexOf('/') + 1) + "*";
    int bestSpecificity = -1;
    boolean bestAccepts = false;
    for (String range : accept.split(",", 64)) {
      String[] parts = range.split(";");
      String name = parts[0].strip().toLowerCase(Locale.ROOT);
      int specificity = name.equals(type) ? 2 : name.equals(family) ? 1 : name.equals("*/*") ? 0 : -1;
      if (specificity < 0 || specificity < bestSpecificity) {
        continue;
      }
      bestSpecificity = specificity;
      bestAccepts = q(parts) > 0;
    }
    return bestAccepts;
  }

  private static double q(String[] parts) {
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i].strip();
      if (p.length() > 2 && (p.charAt(0) == 'q' || p.charAt(0) == 'Q') && p.charAt(1) == '=') {
        try {
          double q = Double.parseDouble(p.substring(2).strip());
          return q >= 0 && q <= 1 ? q : 0;
        } catch (NumberFormatException e) {
          return 0;
        }
      }
    }
    return 1;
  }
}
