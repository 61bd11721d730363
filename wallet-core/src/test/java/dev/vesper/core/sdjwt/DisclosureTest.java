package dev.vesper.core.sdjwt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vesper.core.testing.ErrorCodes;
import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.json.Base64Url;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Disclosure digests from RFC 9901 (values quoted in reference/sdjwt.md §1.3). */
class DisclosureTest {
  @ParameterizedTest(name = "{2}")
  @CsvSource({
    "WyJfMjZiYzRMVC1hYzZxMktJNmNCVzVlcyIsICJmYW1pbHlfbmFtZSIsICJNw7ZiaXVzIl0,X9yH0Ajrdm1Oij4tWso9UzzKJvPoDxwmuEcO3XAdRC0,family_name",
    "WyJsa2x4RjVqTVlsR1RQVW92TU5JdkNBIiwgIkZSIl0,w0I8EKcdCtUPkGCNUrfwVp2xEgNjtoIDlOxc9-PlOhs,",
  })
  void digestIsOverTheReceivedEncoding(String encoded, String digest, String name) throws Exception {
    Disclosure d = Disclosure.parse(encoded);
    assertThat(d.digest()).isEqualTo(digest);
    assertThat(d.name()).isEqualTo(name);
    assertThat(d.encoded()).isEqualTo(encoded);
  }

  @Test
  void specGivenNameVector() throws Exception {
    Disclosure d = Disclosure.parse(Base64Url.encode("[\"2GLC42sKQveCfGfryNRN9w\", \"given_name\", \"John\"]"));
    assertThat(d.digest()).isEqualTo("jsu9yVulwQQlhFlM_3JlzMaSFzglhQG0DpfayQwLUK4");
    assertThat(d.value()).isEqualTo("John");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"a\":1}|disclosure.malformed",
        "[\"salt\"]|disclosure.malformed",
        "[\"salt\",\"a\",1,2]|disclosure.malformed",
        "[1,\"a\",1]|disclosure.malformed",
        "[\"salt\",2,1]|disclosure.malformed",
        "[\"salt\",\"_sd\",1]|disclosure.reserved_name",
        "[\"salt\",\"...\",1]|disclosure.reserved_name",
        "[\"salt\",\"a\",1|parse.bad_json",
      })
  void refusesMalformedDisclosures(String json, String id) {
    assertThat(ErrorCodes.of(() -> Disclosure.parse(Base64Url.encode(json)))).isEqualTo(ErrorCode.fromId(id));
  }
}
