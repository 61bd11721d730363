package dev.vesper.server.http;

import java.net.InetAddress;

/**
 * Which addresses outbound fetches must never reach (SSRF rules): loopback, private (RFC 1918), link-local,
 * unique-local IPv6, any-local, multicast, and the shared and reserved IPv4 blocks of RFC 6890.
 */
public final class Addresses {
  private Addresses() {}

  /** True for an address inside the operator's network or this machine. */
  public static boolean isInternal(InetAddress a) {
    return a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()
        || a.isMulticastAddress() || isUniqueLocalV6(a) || isSharedOrReserved(a);
  }

  private static boolean isUniqueLocalV6(InetAddress a) {
    byte[] b = a.getAddress();
    return b.length == 16 && (b[0] & 0xfe) == 0xfc;
  }

  /** 100.64.0.0/10 (shared), 0.0.0.0/8, 192.0.0.0/24, 198.18.0.0/15, 240.0.0.0/4 (RFC 6890). */
  private static boolean isSharedOrReserved(InetAddress a) {
    byte[] b = a.getAddress();
    if (b.length != 4) {
      return false;
    }
    int b0 = b[0] & 0xff;
    int b1 = b[1] & 0xff;
    return b0 == 0 || (b0 == 100 && b1 >= 64 && b1 < 128) || (b0 == 192 && b1 == 0 && (b[2] & 0xff) == 0)
        || (b0 == 198 && (b1 == 18 || b1 == 19)) || b0 >= 240;
  }
}
