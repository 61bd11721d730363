package dev.vesper.server.qr;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A QR code (ISO/IEC 18004) for a text, so pages can show a link a phone scans without loading anything
 * from elsewhere: byte mode (UTF-8), error correction level L, the smallest version (1–40) that holds the
 * text, the mask with the lowest penalty. Rendered as SVG. Immutable.
 */
public final class QrCode {
  /** Error correction codewords per block at level L, by version (index 0 unused). */
  private static final int[] EC_PER_BLOCK = {-1, 7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28,
      28, 28, 30, 30, 26, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30};
  /** Error correction blocks at level L, by version. */
  private static final int[] BLOCKS = {-1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8, 8, 9, 9, 10, 12, 12, 12, 13,
      14, 15, 16, 17, 18, 19, 19, 20, 21, 22, 24, 25};

  private final int version;
  private final boolean[][] modules;

  private QrCode(int version, boolean[][] modules) {
    this.version = version;
    this.modules = modules;
  }

  /** Encodes {@code text}; {@link IllegalArgumentException} when it exceeds a version 40 code (2,953 bytes). */
  public static QrCode encode(String text) {
    byte[] data = Objects.requireNonNull(text, "text == null").getBytes(StandardCharsets.UTF_8);
    for (int v = 1; v <= 40; v++) {
      int capacityBits = dataCodewords(v) * 8;
      int usedBits = 4 + (v < 10 ? 8 : 16) + data.length * 8;
      if (usedBits <= capacityBits) {
        return new Matrix(v).build(codewords(v, data));
      }
    }
    throw new IllegalArgumentException("too long for a QR code: " + data.length + " bytes");
  }

  public int version() {
    return version;
  }

  /** Modules per side. */
  public int size() {
    return modules.length;
  }

  /** True for a dark module at column {@code x}, row {@code y}. */
  public boolean dark(int x, int y) {
    return modules[y][x];
  }

  /** The code as an SVG document with a quiet zone of {@code border} modules. */
  public String toSvg(int border) {
    int n = size() + border * 2;
    StringBuilder path = new StringBuilder();
    for (int y = 0; y < size(); y++) {
      for (int x = 0; x < size(); x++) {
        if (modules[y][x]) {
          path.append('M').append(x + border).append(',').append(y + border).append("h1v1h-1z");
        }
      }
    }
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + n + " " + n + "\" shape-rendering=\"crispEdges\">"
        + "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path d=\"" + path + "\" fill=\"#000\"/></svg>";
  }

  static int rawModules(int v) {
    int result = (16 * v + 128) * v + 64;
    if (v >= 2) {
      int align = v / 7 + 2;
      result -= (25 * align - 10) * align - 55;
      if (v >= 7) {
        result -= 36;
      }
    }
    return result;
  }

  static int dataCodewords(int v) {
    return rawModules(v) / 8 - EC_PER_BLOCK[v] * BLOCKS[v];
  }

  /** Segment, terminator, padding, blocks with their error correction, interleaved (§7.4–7.6). */
  private static byte[] codewords(int v, byte[] data) {
    int capacity = dataCodewords(v);
    BitBuffer bits = new BitBuffer();
    bits.append(0b0100, 4);
    bits.append(data.length, v < 10 ? 8 : 16);
    for (byte b : data) {
      bits.append(b & 0xff, 8);
    }
    bits.append(0, Math.min(4, capacity * 8 - bits.length()));
    bits.append(0, (8 - bits.length() % 8) % 8);
    for (int pad = 0xec; bits.length() < capacity * 8; pad ^= 0xec ^ 0x11) {
      bits.append(pad, 8);
    }
    byte[] all = bits.bytes();
    int blocks = BLOCKS[v];
    int ec = EC_PER_BLOCK[v];
    int raw = rawModules(v) / 8;
    int shortBlocks = blocks - raw % blocks;
    int shortLen = raw / blocks;
    byte[][] parts = new byte[blocks][];
    byte[] divisor = ReedSolomon.divisor(ec);
    for (int i = 0, k = 0; i < blocks; i++) {
      int dataLen = shortLen - ec + (i < shortBlocks ? 0 : 1);
      byte[] d = Arrays.copyOfRange(all, k, k + dataLen);
      k += dataLen;
      byte[] block = new byte[shortLen + 1];
      System.arraycopy(d, 0, block, 0, dataLen);
      System.arraycopy(ReedSolomon.remainder(d, divisor), 0, block, block.length - ec, ec);
      parts[i] = block;
    }
    byte[] out = new byte[raw];
    int n = 0;
    for (int i = 0; i < shortLen + 1; i++) {
      for (int j = 0; j < blocks; j++) {
        if (i != shortLen - ec || j >= shortBlocks) { // short blocks have no codeword at this position
          out[n++] = parts[j][i];
        }
      }
    }
    return out;
  }

  private static final class BitBuffer {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private int current;
    private int length;

    void append(int value, int count) {
      for (int i = count - 1; i >= 0; i--) {
        current = (current << 1) | ((value >>> i) & 1);
        length++;
        if (length % 8 == 0) {
          out.write(current);
          current = 0;
        }
      }
    }

    int length() {
      return length;
    }

    byte[] bytes() {
      return out.toByteArray();
    }
  }

  /** Lays out one version's modules: function patterns, data, the best mask (§7.7–7.9). */
  private static final class Matrix {
    private final int version;
    private final int size;
    private final boolean[][] dark;
    private final boolean[][] function;

    Matrix(int version) {
      this.version = version;
      this.size = version * 4 + 17;
      this.dark = new boolean[size][size];
      this.function = new boolean[size][size];
    }

    QrCode build(byte[] codewords) {
      for (int i = 0; i < size; i++) {
        set(6, i, i % 2 == 0);
        set(i, 6, i % 2 == 0);
      }
      finder(3, 3);
      finder(size - 4, 3);
      finder(3, size - 4);
      int[] align = alignmentPositions();
      for (int i = 0; i < align.length; i++) {
        for (int j = 0; j < align.length; j++) {
          boolean corner = (i == 0 && j == 0) || (i == 0 && j == align.length - 1) || (i == align.length - 1 && j == 0);
          if (!corner) {
            for (int dy = -2; dy <= 2; dy++) {
              for (int dx = -2; dx <= 2; dx++) {
                set(align[i] + dx, align[j] + dy, Math.max(Math.abs(dx), Math.abs(dy)) != 1);
              }
            }
          }
        }
      }
      format(0); // reserves the format areas; drawn for real per mask
      versionBits();
      place(codewords);
      int best = 0;
      long bestPenalty = Long.MAX_VALUE;
      for (int mask = 0; mask < 8; mask++) {
        applyMask(mask);
        format(mask);
        long p = penalty();
        if (p < bestPenalty) {
          best = mask;
          bestPenalty = p;
        }
        applyMask(mask); // undo (XOR)
      }
      applyMask(best);
      format(best);
      return new QrCode(version, dark);
    }

    private void set(int x, int y, boolean isDark) {
      dark[y][x] = isDark;
      function[y][x] = true;
    }

    private void finder(int cx, int cy) {
      for (int dy = -4; dy <= 4; dy++) {
        for (int dx = -4; dx <= 4; dx++) {
          int x = cx + dx;
          int y = cy + dy;
          if (x >= 0 && x < size && y >= 0 && y < size) {
            int d = Math.max(Math.abs(dx), Math.abs(dy));
            set(x, y, d != 2 && d != 4);
          }
        }
      }
    }

    private int[] alignmentPositions() {
      if (version == 1) {
        return new int[0];
      }
      int n = version / 7 + 2;
      int step = version == 32 ? 26 : (version * 4 + n * 2 + 1) / (n * 2 - 2) * 2;
      int[] out = new int[n];
      out[0] = 6;
      for (int i = n - 1, pos = size - 7; i >= 1; i--, pos -= step) {
        out[i] = pos;
      }
      return out;
    }

    /** Format information: level L (01) and the mask, BCH(15,5), XOR 0x5412, twice; plus the dark module. */
    private void format(int mask) {
      int data = 1 << 3 | mask;
      int rem = data;
      for (int i = 0; i < 10; i++) {
        rem = (rem << 1) ^ ((rem >>> 9) * 0x537);
      }
      int bits = (data << 10 | rem) ^ 0x5412;
      for (int i = 0; i <= 5; i++) {
        set(8, i, bit(bits, i));
      }
      set(8, 7, bit(bits, 6));
      set(8, 8, bit(bits, 7));
      set(7, 8, bit(bits, 8));
      for (int i = 9; i < 15; i++) {
        set(14 - i, 8, bit(bits, i));
      }
      for (int i = 0; i < 8; i++) {
        set(size - 1 - i, 8, bit(bits, i));
      }
      for (int i = 8; i < 15; i++) {
        set(8, size - 15 + i, bit(bits, i));
      }
      set(8, size - 8, true);
    }

    private void versionBits() {
      if (version < 7) {
        return;
      }
      int rem = version;
      for (int i = 0; i < 12; i++) {
        rem = (rem << 1) ^ ((rem >>> 11) * 0x1f25);
      }
      int bits = version << 12 | rem;
      for (int i = 0; i < 18; i++) {
        int a = size - 11 + i % 3;
        int b = i / 3;
        set(a, b, bit(bits, i));
        set(b, a, bit(bits, i));
      }
    }

    private void place(byte[] codewords) {
      int i = 0;
      for (int right = size - 1; right >= 1; right -= 2) {
        if (right == 6) {
          right = 5;
        }
        for (int vert = 0; vert < size; vert++) {
          for (int j = 0; j < 2; j++) {
            int x = right - j;
            boolean upward = ((right + 1) & 2) == 0;
            int y = upward ? size - 1 - vert : vert;
            if (!function[y][x] && i < codewords.length * 8) {
              dark[y][x] = bit(codewords[i >>> 3], 7 - (i & 7));
              i++;
            }
          }
        }
      }
    }

    private void applyMask(int mask) {
      for (int y = 0; y < size; y++) {
        for (int x = 0; x < size; x++) {
          boolean invert = switch (mask) {
            case 0 -> (x + y) % 2 == 0;
            case 1 -> y % 2 == 0;
            case 2 -> x % 3 == 0;
            case 3 -> (x + y) % 3 == 0;
            case 4 -> (x / 3 + y / 2) % 2 == 0;
            case 5 -> x * y % 2 + x * y % 3 == 0;
            case 6 -> (x * y % 2 + x * y % 3) % 2 == 0;
            default -> ((x + y) % 2 + x * y % 3) % 2 == 0;
          };
          if (invert && !function[y][x]) {
            dark[y][x] = !dark[y][x];
          }
        }
      }
    }

    /** The penalty rules for runs, 2x2 blocks and balance (§7.8.3; the finder-like rule is left out). */
    private long penalty() {
      long p = 0;
      int darkCount = 0;
      for (int a = 0; a < size; a++) {
        int rowRun = 1;
        int colRun = 1;
        for (int b = 1; b < size; b++) {
          rowRun = dark[a][b] == dark[a][b - 1] ? rowRun + 1 : 1;
          colRun = dark[b][a] == dark[b - 1][a] ? colRun + 1 : 1;
          p += rowRun == 5 ? 3 : rowRun > 5 ? 1 : 0;
          p += colRun == 5 ? 3 : colRun > 5 ? 1 : 0;
        }
      }
      for (int y = 0; y < size; y++) {
        for (int x = 0; x < size; x++) {
          darkCount += dark[y][x] ? 1 : 0;
          if (x + 1 < size && y + 1 < size && dark[y][x] == dark[y][x + 1] && dark[y][x] == dark[y + 1][x] && dark[y][x] == dark[y + 1][x + 1]) {
            p += 3;
          }
        }
      }
      int total = size * size;
      p += (Math.abs(darkCount * 20L - total * 10L) + total - 1) / total * 10;
      return p;
    }

    private static boolean bit(int value, int i) {
      return ((value >>> i) & 1) != 0;
    }
  }
}
