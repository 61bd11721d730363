package dev.vesper.server.qr;

/** Reed-Solomon error correction over GF(2^8) with the QR code polynomial 0x11D (ISO/IEC 18004 §7.5.2). */
final class ReedSolomon {
  private ReedSolomon() {}

  /** The generator polynomial of {@code degree}, highest coefficient (always 1) dropped. */
  static byte[] divisor(int degree) {
    byte[] result = new byte[degree];
    result[degree - 1] = 1;
    int root = 1;
    for (int i = 0; i < degree; i++) {
      for (int j = 0; j < degree; j++) {
        result[j] = (byte) multiply(result[j] & 0xff, root);
        if (j + 1 < degree) {
          result[j] ^= result[j + 1];
        }
      }
      root = multiply(root, 0x02);
    }
    return result;
  }

  /** The error correction codewords of {@code data} for {@code divisor}. */
  static byte[] remainder(byte[] data, byte[] divisor) {
    byte[] result = new byte[divisor.length];
    for (byte b : data) {
      int factor = (b ^ result[0]) & 0xff;
      System.arraycopy(result, 1, result, 0, result.length - 1);
      result[result.length - 1] = 0;
      for (int i = 0; i < result.length; i++) {
        result[i] ^= (byte) multiply(divisor[i] & 0xff, factor);
      }
    }
    return result;
  }

  static int multiply(int x, int y) {
    int z = 0;
    for (int i = 7; i >= 0; i--) {
      z = (z << 1) ^ ((z >>> 7) * 0x11d);
      z ^= ((y >>> i) & 1) * x;
    }
    return z & 0xff;
  }
}
