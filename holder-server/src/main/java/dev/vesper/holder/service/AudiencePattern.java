package dev.vesper.holder.service;

import java.util.ArrayList;
import java.util.List;

/**
 * An audience pattern of a disclosure policy: literal text in which {@code *} stands for any run of
 * characters (nothing else is special). Matching never backtracks: the text before the first {@code *}
 * must be a prefix, the text after the last one a suffix, and each literal in between is found, left to
 * right, at its leftmost place after the previous one (leftmost is always safe for {@code *} globs)
 * with a Knuth–Morris–Pratt search. So a match costs O(pattern + audience) character comparisons
 * whatever the pattern ({@code *a*a*a*a*a*b} included), where the regular expression it replaces
 * backtracked exponentially (issue 11 §2). Immutable and thread-safe.
 */
final class AudiencePattern {
  /** The longest pattern a policy may hold. */
  static final int MAX_LENGTH = 512;
  /** The most wildcards a pattern may hold: real audiences need two or three ({@code sip:*@*.example}). */
  static final int MAX_WILDCARDS = 8;

  private final String pattern;
  private final String prefix;
  private final String suffix;
  private final List<String> middles;
  private final List<int[]> failures;

  private AudiencePattern(String pattern) {
    this.pattern = pattern;
    String[] parts = pattern.split("\\*", -1);
    this.prefix = parts[0];
    this.suffix = parts[parts.length - 1];
    this.middles = new ArrayList<>();
    this.failures = new ArrayList<>();
    for (int i = 1; i < parts.length - 1; i++) {
      if (!parts[i].isEmpty()) {
        middles.add(parts[i]);
        failures.add(failureTable(parts[i]));
      }
    }
  }

  /** True when {@code match} names a pattern (contains {@code *}) rather than one exact audience. */
  static boolean isPattern(String match) {
    return match.indexOf('*') >= 0;
  }

  /** Compiles {@code pattern}, which must contain a {@code *}; callers bound its length and wildcards. */
  static AudiencePattern compile(String pattern) {
    if (!isPattern(pattern)) {
      throw new IllegalArgumentException("not a pattern: no '*'");
    }
    return new AudiencePattern(pattern);
  }

  /** How many {@code *} {@code match} holds. */
  static int wildcards(String match) {
    return (int) match.chars().filter(c -> c == '*').count();
  }

  boolean matches(String audience) {
    return match(audience, new long[1]);
  }

  /** Character comparisons one match of {@code audience} costs: the proof that matching is linear. */
  long comparisons(String audience) {
    long[] steps = new long[1];
    match(audience, steps);
    return steps[0];
  }

  private boolean match(String text, long[] steps) {
    if (text.length() < prefix.length() + suffix.length()) {
      return false;
    }
    steps[0] += prefix.length() + suffix.length();
    if (!text.startsWith(prefix) || !text.endsWith(suffix)) {
      return false;
    }
    int from = prefix.length();
    int end = text.length() - suffix.length();
    for (int i = 0; i < middles.size(); i++) {
      int at = indexOf(text, from, end, middles.get(i), failures.get(i), steps);
      if (at < 0) {
        return false;
      }
      from = at + middles.get(i).length();
    }
    return true;
  }

  /** Knuth–Morris–Pratt: the first index of {@code word} in {@code text[from, end)}, or -1; O(end - from + word). */
  private static int indexOf(String text, int from, int end, String word, int[] failure, long[] steps) {
    int k = 0;
    for (int i = from; i < end; i++) {
      steps[0]++;
      while (k > 0 && text.charAt(i) != word.charAt(k)) {
        k = failure[k - 1];
        steps[0]++;
      }
      if (text.charAt(i) == word.charAt(k)) {
        k++;
        if (k == word.length()) {
          return i - k + 1;
        }
      }
    }
    return -1;
  }

  private static int[] failureTable(String word) {
    int[] failure = new int[word.length()];
    int k = 0;
    for (int i = 1; i < word.length(); i++) {
      while (k > 0 && word.charAt(i) != word.charAt(k)) {
        k = failure[k - 1];
      }
      if (word.charAt(i) == word.charAt(k)) {
        k++;
      }
      failure[i] = k;
    }
    return failure;
  }

  @Override
  public String toString() {
    return pattern;
  }
}
