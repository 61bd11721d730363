package dev.vesper.core.log;

import java.util.ArrayList;
import java.util.List;

/**
 * C2SP tlog-tiles geometry: tiles of 256 hashes (height 8). The tile at level {@code L}, index
 * {@code N} holds, for i in 0..W−1, the root of leaves {@code [(N·256+i)·256^L, (N·256+i+1)·256^L)};
 * level 0 holds leaf hashes. A tree of size s has a partial tile of width {@code ⌊s/256^L⌋ mod 256} at
 * each level where that is not 0; partial tiles are never hashed upward.
 */
public final class Tiles {
  /** Hashes per full tile. */
  public static final int WIDTH = 256;

  private Tiles() {}

  /** A tile address: level, index, width (256 for a full tile). */
  public record Tile(int level, long index, int width) {
    public Tile {
      if (level < 0 || level > 63 || index < 0 || width < 1 || width > WIDTH) {
        throw new IllegalArgumentException("no such tile: level " + level + ", index " + index + ", width " + width);
      }
    }

    public boolean isPartial() {
      return width < WIDTH;
    }

    /** {@code tile/<L>/<N>[.p/<W>]}. */
    public String path() {
      return "tile/" + level + "/" + indexPath(index) + (isPartial() ? ".p/" + width : "");
    }

    /** {@code tile/entries/<N>[.p/<W>]} for a level-0 tile. */
    public String entriesPath() {
      if (level != 0) {
        throw new IllegalStateException("entry bundles exist for level 0 only");
      }
      return "tile/entries/" + indexPath(index) + (isPartial() ? ".p/" + width : "");
    }
  }

  /** The tile index as 3-digit path elements, all but the last prefixed with {@code x}. */
  public static String indexPath(long index) {
    if (index < 0) {
      throw new IllegalArgumentException("negative tile index");
    }
    String digits = Long.toString(index);
    int pad = (3 - digits.length() % 3) % 3;
    digits = "0".repeat(pad) + digits;
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < digits.length(); i += 3) {
      if (i > 0) {
        out.append('/');
      }
      if (i + 3 < digits.length()) {
        out.append('x');
      }
      out.append(digits, i, i + 3);
    }
    return out.toString();
  }

  /**
   * Parses a path of {@link Tile#path()} form ({@code <L>/<N>[.p/<W>]}, after {@code tile/});
   * null when it is not one (strict: no leading zeros in L or W, exactly 3 digits per element).
   */
  public static Tile parse(String path) {
    String[] parts = path.split("/", -1);
    if (parts.length < 2 || !parts[0].matches("0|[1-9][0-9]?")) {
      return null;
    }
    int level = Integer.parseInt(parts[0]);
    if (level > 63) {
      return null;
    }
    int width = WIDTH;
    int end = parts.length;
    String last = parts[end - 1];
    if (end >= 3 && parts[end - 2].endsWith(".p")) {
      if (!last.matches("[1-9][0-9]{0,2}") || Integer.parseInt(last) >= WIDTH) {
        return null;
      }
      width = Integer.parseInt(last);
      parts[end - 2] = parts[end - 2].substring(0, parts[end - 2].length() - 2);
      end--;
    }
    StringBuilder digits = new StringBuilder();
    for (int i = 1; i < end; i++) {
      String p = parts[i];
      boolean lastElement = i == end - 1;
      if (lastElement ? !p.matches("[0-9]{3}") : !p.matches("x[0-9]{3}")) {
        return null;
      }
      digits.append(lastElement ? p : p.substring(1));
    }
    if (digits.length() > 18) {
      return null;
    }
    long index = Long.parseLong(digits.toString());
    Tile tile = new Tile(level, index, width);
    return tile.path().equals("tile/" + path) ? tile : null;
  }

  /** 256^level, the number of leaves under one hash of a level-{@code level} tile. */
  static long leavesPerHash(int level) {
    return level >= 8 ? Long.MAX_VALUE : 1L << (8 * level);
  }

  /** Every tile a client may fetch for a tree of {@code size} leaves: full tiles then the partial ones. */
  public static List<Tile> tilesFor(long size) {
    List<Tile> out = new ArrayList<>();
    for (int level = 0; level < 8 && size >= leavesPerHash(level); level++) {
      long hashes = size / leavesPerHash(level);
      for (long n = 0; n < hashes / WIDTH; n++) {
        out.add(new Tile(level, n, WIDTH));
      }
      int partial = (int) (hashes % WIDTH);
      if (partial > 0) {
        out.add(new Tile(level, hashes / WIDTH, partial));
      }
    }
    return out;
  }

  /** The hashes of {@code tile} for the tree in {@code tree}: roots of its 256^L-leaf subtrees. */
  public static List<byte[]> hashes(MerkleTree tree, Tile tile) {
    long per = leavesPerHash(tile.level());
    List<byte[]> out = new ArrayList<>(tile.width());
    for (int i = 0; i < tile.width(); i++) {
      long first = (tile.index() * WIDTH + i) * per;
      out.add(tree.subtreeRoot(first, first + per));
    }
    return out;
  }
}
