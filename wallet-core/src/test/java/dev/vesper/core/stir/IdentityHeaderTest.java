package dev.vesper.core.stir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The SIP Identity header (RFC 8224 §4 ABNF): what parses, what round-trips, what is refused. */
class IdentityHeaderTest {
  private static final String JWS = "eyJhbGciOiJFUzI1NiJ9.eyJpYXQiOjF9.c2lnbmF0dXJl";

  @Test
  void parsesTheRfcShapeAndItsVariants() throws Exception {
    IdentityHeader h = IdentityHeader.parse(JWS + ";info=<https://cert.example.org/passport.cer>;alg=ES256;ppt=shaken");
    assertThat(h.passport()).isEqualTo(JWS);
    assertThat(h.info()).isEqualTo("https://cert.example.org/passport.cer");
    assertThat(h.ppt()).isEqualTo("shaken");
    assertThat(IdentityHeader.parse(h.toString())).isEqualTo(h);

    IdentityHeader spaced = IdentityHeader.parse("  " + JWS + " ; INFO = <https://cert.example/x.pem> ; PPT=\"vesper\" ; foo=bar ; flag");
    assertThat(spaced.info()).isEqualTo("https://cert.example/x.pem");
    assertThat(spaced.ppt()).isEqualTo("vesper");
    assertThat(spaced.algorithm()).as("alg absent means ES256").isEqualTo("ES256");
    assertThat(spaced.extensions()).containsEntry("foo", "bar").containsEntry("flag", "");
  }

  @Test
  void refusesWhatTheAbnfDoesNotAllow() {
    for (String bad : List.of(
        JWS,                                                     // no info (mandatory in RFC 8224)
        JWS + ";info=https://cert.example/x.pem",                // info without angle brackets
        JWS + ";info=<not a uri>",                               // not an absolute URI
        JWS + ";info=<https://a.example/x>;info=<https://b.example/y>", // repeated
        JWS + ";info=<https://a.example/x>;ppt=shaken;ppt=vesper",
        "abc;info=<https://a.example/x>",                        // not a compact JWS
        "eyJ.eyJ.sig junk;info=<https://a.example/x>",
        JWS + ";info=<https://a.example/x>;alg=ES 256",
        "")) {
      assertThatThrownBy(() -> IdentityHeader.parse(bad)).as(bad).isInstanceOf(VesperException.class)
          .extracting(e -> ((VesperException) e).code()).isEqualTo(ErrorCode.STIR_IDENTITY_MALFORMED);
    }
  }
}
