package dev.vesper.server.http;

import java.util.Locale;

/**
 * RFC 9110 §12.5.1 {@code Accept}: whether a resource served as one media type is acceptable (the header
 * absent, or naming that type, its {@code type/*} or {@code *}{@code /*} with a non-zero {@code q}), and with
 * which quality, so that a resource with several representations can choose. A more specific range decides
 * over a wildcard ({@code application/statuslist+jwt;q=0} refuses even with {@code *}{@code /*}).
 */
public final class MediaRanges {
  private MediaRanges() {}

  public static boolean accepts(String accept, String mediaType) {
    return quality(accept, mediaType) > 0;
  }

  /**
   * The quality {@code accept} gives {@code mediaType}: 1 when the header is absent or blank, else the
   * {@code q} of the most specific range that names it (the type, its {@code type/*}, or {@code *}{@code /*}),
   * 0 when none does.
   */
  public static double quality(String accept, String mediaType) {
    if (accept == null || accept.isBlank()) {
      return 1;
    }
    String type = mediaType.toLowerCase(Locale.ROOT);
    String family = type.substring(0, type.indexOf('/') + 1) + "*";
    int bestSpecificity = -1;
    double best = 0;
    for (String range : accept.split(",", 64)) {
      String[] parts = range.split(";");
      String name = parts[0].strip().toLowerCase(Locale.ROOT);
      int specificity = name.equals(type) ? 2 : name.equals(family) ? 1 : name.equals("*/*") ? 0 : -1;
      if (specificity < 0 || specificity < bestSpecificity) {
        continue;
      }
      bestSpecificity = specificity;
      best = q(parts);
    }
    return best;
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
