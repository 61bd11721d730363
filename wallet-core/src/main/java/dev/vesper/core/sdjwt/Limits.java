package dev.vesper.core.sdjwt;

/**
 * Bounds checked before any decoding work, so that hostile input costs little.
 *
 * @param maxBytes the longest accepted SD-JWT (+KB) text, in characters
 * @param maxDisclosures the most disclosures accepted
 * @param maxDepth the deepest accepted nesting of objects, arrays and disclosures combined
 */
public record Limits(int maxBytes, int maxDisclosures, int maxDepth) {
  /** 256 KiB, 2048 disclosures (an enterprise token with many numbers), depth 32. */
  public static final Limits DEFAULT = new Limits(256 * 1024, 2048, 32);

  public Limits {
    if (maxBytes < 64 || maxDisclosures < 0 || maxDepth < 2) {
      throw new IllegalArgumentException("limits too small to be useful");
    }
  }
}
