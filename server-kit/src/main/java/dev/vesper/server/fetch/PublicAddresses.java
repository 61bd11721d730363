package dev.vesper.server.fetch;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Which addresses a public fetch may connect to: globally reachable unicast only. Refused (RFC 6890 and
 * the IANA special-purpose registries): unspecified ({@code 0.0.0.0/8}, {@code ::}), loopback
 * ({@code 127/8}, {@code ::1}), private ({@code 10/8}, {@code 172.16/12}, {@code 192.168/16}, unique local
 * {@code fc00::/7}), shared {@code 100.64/10}, link-local ({@code 169.254/16}, {@code fe80::/10}),
 * multicast ({@code 224/4}, {@code ff00::/8}), IETF protocol assignments {@code 192.0.0/24},
 * documentation ({@code 192.0.2/24}, {@code 198.51.100/24}, {@code 203.0.113/24}, {@code 2001:db8::/32}),
 * benchmarking {@code 198.18/15}, reserved and broadcast {@code 240/4}, site-local {@code fec0::/10},
 * and IPv6 forms that embed an IPv4 address (mapped, compatible, NAT64 {@code 64:ff9b::/96}, 6to4
 * {@code 2002::/16}, Teredo {@code 2001::/32}) judged by that address or refused.
 */
final class PublicAddresses {
  private PublicAddresses() {}

  static boolean isPublic(InetAddress address) {
    byte[] b = address.getAddress();
    if (address instanceof Inet4Address) {
      return isPublicV4(b, 0);
    }
    if (!(address instanceof Inet6Address) || b.length != 16) {
      return false;
    }
    int w0 = ((b[0] & 0xff) << 8) | (b[1] & 0xff);
    if (allZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
      return isPublicV4(b, 12); // ::ffff:a.b.c.d
    }
    if (allZero(b, 0, 12)) {
      return false; // ::, ::1, ::a.b.c.d (deprecated compatible form)
    }
    if (w0 == 0x0064 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) {
      return false; // NAT64 translates to an IPv4 address a resolver chose; refuse rather than guess
    }
    if (w0 == 0x2002 || w0 == 0x2001 && b[2] == 0 && b[3] == 0) {
      return false; // 6to4 and Teredo embed IPv4 addresses
    }
    if (w0 == 0x2001 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) {
      return false; // documentation
    }
    return (w0 & 0xfe00) != 0xfc00 // unique local
        && (w0 & 0xffc0) != 0xfe80 // link-local
        && (w0 & 0xffc0) != 0xfec0 // site-local (deprecated)
        && (w0 & 0xff00) != 0xff00 // multicast
        && (w0 & 0xe000) == 0x2000; // global unicast is 2000::/3
  }

  private static boolean isPublicV4(byte[] b, int o) {
    int a = b[o] & 0xff;
    int c = b[o + 1] & 0xff;
    int d = b[o + 2] & 0xff;
    return a != 0 && a != 10 && a != 127 && a < 224 // unspecified, private, loopback, multicast and 240/4
        && !(a == 100 && c >= 64 && c < 128) // shared address space
        && !(a == 169 && c == 254) // link-local
        && !(a == 172 && c >= 16 && c < 32) // private
        && !(a == 192 && c == 168) // private
        && !(a == 192 && c == 0 && (d == 0 || d == 2)) // IETF protocol assignments, TEST-NET-1
        && !(a == 198 && (c == 18 || c == 19)) // benchmarking
        && !(a == 198 && c == 51 && d == 100) // TEST-NET-2
        && !(a == 203 && c == 0 && d == 113); // TEST-NET-3
  }

  private static boolean allZero(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return true;
  }
}
