package dev.vesper.server.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which addresses a public fetch may connect to (RFC 6890 and the IANA special-purpose registries). */
class PublicAddressesTest {
  @ParameterizedTest(name = "{0} public={1}")
  @CsvSource({
      "8.8.8.8, true", "93.184.216.34, true", "2606:4700::1111, true", "2a00:1450:4001:80b::200e, true",
      "0.0.0.0, false", "0.1.2.3, false", "127.0.0.1, false", "127.255.255.254, false", "10.0.0.7, false",
      "172.16.0.1, false", "172.31.255.255, false", "172.32.0.1, true", "192.168.1.1, false", "100.64.0.1, false",
      "100.127.255.255, false", "100.128.0.1, true", "169.254.169.254, false", "192.0.0.8, false", "192.0.2.1, false",
      "198.18.0.1, false", "198.19.255.255, false", "198.51.100.7, false", "203.0.113.9, false", "224.0.0.1, false",
      "239.255.255.250, false", "240.0.0.1, false", "255.255.255.255, false",
      "::, false", "::1, false", "::ffff:127.0.0.1, false", "::ffff:10.0.0.1, false", "::ffff:8.8.8.8, true",
      "::127.0.0.1, false", "fe80::1, false", "febf::1, false", "fec0::1, false", "fc00::1, false", "fd12:3456::1, false",
      "ff02::1, false", "ff0e::1, false", "2001:db8::1, false", "64:ff9b::a00:1, false", "2002:a00:1::1, false",
      "2001:0:a00:1::1, false", "4000::1, false", "100::1, false"})
  void onlyGloballyReachableUnicastIsPublic(String address, boolean expected) throws Exception {
    assertThat(PublicAddresses.isPublic(InetAddress.getByName(address))).isEqualTo(expected);
  }
}
