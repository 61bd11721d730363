package dev.vesper.core.phone;

import dev.vesper.core.error.VesperException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sets of telephone numbers as disjoint intervals per digit count (RFC 8226 ranges never change
 * length), so that a claimed range is covered by the union of several proofs, and releasing one number
 * from a range leaves the rest. Canonical numbers have at most 15 digits, so each fits a {@code long}.
 * Immutable.
 */
public final class NumberCoverage {
  /** digit count → (interval start → interval end, inclusive), disjoint and non-adjacent. */
  private final Map<Integer, TreeMap<Long, Long>> intervals;

  private NumberCoverage(Map<Integer, TreeMap<Long, Long>> intervals) {
    this.intervals = intervals;
  }

  public static NumberCoverage of(List<NumberEntry> entries) {
    NumberCoverage c = new NumberCoverage(new TreeMap<>());
    for (NumberEntry e : entries) {
      c.add(e);
    }
    return c;
  }

  /** True when every number of {@code entry} is in this set. */
  public boolean covers(NumberEntry entry) {
    long[] iv = interval(entry);
    TreeMap<Long, Long> byStart = intervals.get(length(entry));
    if (byStart == null) {
      return false;
    }
    Map.Entry<Long, Long> floor = byStart.floorEntry(iv[0]);
    return floor != null && floor.getValue() >= iv[1];
  }

  /** True when some number of {@code entry} is in this set. */
  public boolean overlaps(NumberEntry entry) {
    long[] iv = interval(entry);
    TreeMap<Long, Long> byStart = intervals.get(length(entry));
    if (byStart == null) {
      return false;
    }
    Map.Entry<Long, Long> floor = byStart.floorEntry(iv[1]);
    return floor != null && floor.getValue() >= iv[0];
  }

  /** This set without the numbers of {@code removed}. */
  public NumberCoverage minus(List<NumberEntry> removed) {
    NumberCoverage c = copy();
    for (NumberEntry e : removed) {
      c.remove(e);
    }
    return c;
  }

  /** The set as token entries: single numbers and ranges of at least two, in numeric order. */
  public List<NumberEntry> entries() throws VesperException {
    List<NumberEntry> out = new ArrayList<>();
    for (Map.Entry<Integer, TreeMap<Long, Long>> byLength : intervals.entrySet()) {
      for (Map.Entry<Long, Long> iv : byLength.getValue().entrySet()) {
        String start = pad(iv.getKey(), byLength.getKey());
        long count = iv.getValue() - iv.getKey() + 1;
        out.add(count == 1 ? NumberEntry.of(new TelephoneNumber(start)) : NumberEntry.of(NumberRange.of(start, count)));
      }
    }
    return out;
  }

  public boolean isEmpty() {
    return intervals.values().stream().allMatch(Map::isEmpty);
  }

  private void add(NumberEntry e) {
    long[] iv = interval(e);
    TreeMap<Long, Long> byStart = intervals.computeIfAbsent(length(e), k -> new TreeMap<>());
    long lo = iv[0];
    long hi = iv[1];
    Map.Entry<Long, Long> before = byStart.floorEntry(lo);
    if (before != null && before.getValue() >= lo - 1) {
      lo = before.getKey();
      hi = Math.max(hi, before.getValue());
      byStart.remove(before.getKey());
    }
    Map.Entry<Long, Long> next;
    while ((next = byStart.ceilingEntry(lo)) != null && next.getKey() <= hi + 1) {
      hi = Math.max(hi, next.getValue());
      byStart.remove(next.getKey());
    }
    byStart.put(lo, hi);
  }

  private void remove(NumberEntry e) {
    long[] iv = interval(e);
    TreeMap<Long, Long> byStart = intervals.get(length(e));
    if (byStart == null) {
      return;
    }
    Map.Entry<Long, Long> cur = byStart.floorEntry(iv[0]);
    if (cur == null || cur.getValue() < iv[0]) {
      cur = byStart.ceilingEntry(iv[0]);
    }
    while (cur != null && cur.getKey() <= iv[1]) {
      long lo = cur.getKey();
      long hi = cur.getValue();
      byStart.remove(lo);
      if (lo < iv[0]) {
        byStart.put(lo, iv[0] - 1);
      }
      if (hi > iv[1]) {
        byStart.put(iv[1] + 1, hi);
      }
      cur = byStart.ceilingEntry(lo + 1);
    }
  }

  private NumberCoverage copy() {
    Map<Integer, TreeMap<Long, Long>> out = new TreeMap<>();
    intervals.forEach((k, v) -> out.put(k, new TreeMap<>(v)));
    return new NumberCoverage(out);
  }

  private static long[] interval(NumberEntry e) {
    if (e.isRange()) {
      long start = Long.parseLong(e.range().start().digits());
      return new long[] {start, start + e.range().count() - 1};
    }
    long n = Long.parseLong(e.single().digits());
    return new long[] {n, n};
  }

  private static int length(NumberEntry e) {
    return (e.isRange() ? e.range().start() : e.single()).digits().length();
  }

  private static String pad(long value, int length) {
    String s = Long.toString(value);
    return "0".repeat(Math.max(0, length - s.length())) + s;
  }
}
