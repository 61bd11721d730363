package dev.vesper.core.stir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vesper.core.crypto.PublicJwk;
import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.jose.CompactJws;
import dev.vesper.core.json.Base64Url;
import dev.vesper.core.json.Json;
import dev.vesper.core.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** PASSporTs against RFC 8225 Appendix A and a verifiable SHAKEN vector (reference/vesper-stir.md §3). */
class PassportTest {
  @Test
  void canonicalSerialisationReproducesRfc8225AppendixA() {
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("x5u", "https://cert.example.org/passport.cer");
    header.put("typ", "passport");
    header.put("alg", "ES256");
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("orig", Map.of("tn", "12155551212"));
    payload.put("iat", 1471375418L);
    payload.put("dest", Map.of("uri", List.of("sip:alice@example.com")));
    assertThat(Base64Url.encode(Json.writeCanonical(header)))
        .isEqualTo("eyJhbGciOiJFUzI1NiIsInR5cCI6InBhc3Nwb3J0IiwieDV1IjoiaHR0cHM6Ly9jZXJ0LmV4YW1wbGUub3JnL3Bhc3Nwb3J0LmNlciJ9");
    assertThat(Base64Url.encode(Json.writeCanonical(payload)))
        .isEqualTo("eyJkZXN0Ijp7InVyaSI6WyJzaXA6YWxpY2VAZXhhbXBsZS5jb20iXX0sImlhdCI6MTQ3MTM3NTQxOCwib3JpZyI6eyJ0biI6IjEyMTU1NTUxMjEyIn19");
  }

  @Test
  void aDeterministicShakenPassportVerifiesWithTheRfc7515A3Key() throws Exception {
    String token = "eyJhbGciOiJFUzI1NiIsInBwdCI6InNoYWtlbiIsInR5cCI6InBhc3Nwb3J0IiwieDV1IjoiaHR0cHM6Ly9jZXJ0LmV4YW1wbGUub3JnL3Bhc3Nwb3J0LmNlciJ9."
        + "eyJhdHRlc3QiOiJBIiwiZGVzdCI6eyJ0biI6WyIxMjEyNTU1MTIxMyJdfSwiaWF0IjoxNDQzMjA4MzQ1LCJvcmlnIjp7InRuIjoiMTIxNTU1NTEyMTIifSwib3JpZ2lkIjoiMTIzZTQ1NjctZTg5Yi0xMmQzLWE0NTYtNDI2NjU1NDQwMDAwIn0."
        + "2nn0P0t56DmRJfSK1jMKX8IHUswzLw0ijlUUZTppW9ZOcqyPd4OUHDCpBBu9xKh_cT2lBiTaqviWSZtu68Zw8Q";
    PublicJwk key = PublicJwk.fromJson(Map.of("kty", "EC", "crv", "P-256",
        "x", "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU", "y", "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"));
    Passport p = Passport.parse(token);
    assertThat(p.verifiedBy(key)).isTrue();
    assertThat(p.ppt()).hasValue("shaken");
    assertThat(p.orig().digits()).isEqualTo("12155551212");
    assertThat(p.dest()).extracting(n -> n.digits()).containsExactly("12125551213");
    assertThat(p.iat()).isEqualTo(1443208345L);
    assertThat(p.origid()).hasValue("123e4567-e89b-12d3-a456-426655440000");
    assertThat(p.claim("attest")).hasValue("A");
    assertThat(p.x5u()).hasValue("https://cert.example.org/passport.cer");
    String tampered = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
    assertThat(Passport.parse(tampered).verifiedBy(key)).isFalse();
  }

  @Test
  void signThenParseRoundTripsCanonically() throws Exception {
    String text = Passport.sign(Map.of("ppt", "vesper", "x5u", "https://cert.example/sp.pem"),
        Map.of("orig", Map.of("tn", "12025550100"), "dest", Map.of("tn", List.of("14155550123")), "iat", 1795824000L), Fixtures.issuerKey());
    Passport p = Passport.parse(text);
    assertThat(p.verifiedBy(Fixtures.issuerKey().publicJwk())).isTrue();
    String header = new String(Base64Url.decode(text.substring(0, text.indexOf('.')), "h"), StandardCharsets.UTF_8);
    assertThat(header).isEqualTo("{\"alg\":\"ES256\",\"ppt\":\"vesper\",\"typ\":\"passport\",\"x5u\":\"https://cert.example/sp.pem\"}");
  }

  @Test
  void aPlusOrVisualSeparatorsInTnAreCanonicalisedAndNamed() throws Exception {
    String text = Passport.sign(Map.of(), Map.of("orig", Map.of("tn", "+1-202-555-0100"), "dest", Map.of("tn", List.of("+1 (415)".replace(" ", "") + "555.0123", "14155550124")),
        "iat", 1795824000L), Fixtures.issuerKey());
    Passport p = Passport.parse(text);
    assertThat(p.orig().digits()).isEqualTo("12025550100");
    assertThat(p.dest()).extracting(n -> n.digits()).containsExactly("14155550123", "14155550124");
    assertThat(p.tolerated()).containsExactly("orig.tn.canonicalized", "dest.tn.canonicalized");
    assertThat(p.verifiedBy(Fixtures.issuerKey().publicJwk())).as("the signature covers the received bytes").isTrue();
  }

  @Test
  void malformedPassportsAreRefusedWithStableCodes() {
    Map<String, Map<String, Object>> payloads = new LinkedHashMap<>();
    payloads.put("iat as a string (errata 5985)", Map.of("orig", Map.of("tn", "12025550100"), "dest", Map.of("tn", List.of("14155550123")), "iat", "1795824000"));
    payloads.put("orig missing", Map.of("dest", Map.of("tn", List.of("14155550123")), "iat", 1L));
    payloads.put("orig with a space", Map.of("orig", Map.of("tn", "+1 2025550100"), "dest", Map.of("tn", List.of("14155550123")), "iat", 1L));
    payloads.put("dest as a tel URI", Map.of("orig", Map.of("tn", "12025550100"), "dest", Map.of("tn", List.of("tel:+14155550123")), "iat", 1L));
    payloads.put("orig without its country code", Map.of("orig", Map.of("tn", "+0-555-0100"), "dest", Map.of("tn", List.of("14155550123")), "iat", 1L));
    payloads.put("dest tn not an array", Map.of("orig", Map.of("tn", "12025550100"), "dest", Map.of("tn", "14155550123"), "iat", 1L));
    payloads.put("dest empty", Map.of("orig", Map.of("tn", "12025550100"), "dest", Map.of("tn", List.of()), "iat", 1L));
    for (var e : payloads.entrySet()) {
      String text = Passport.sign(Map.of(), e.getValue(), Fixtures.issuerKey());
      assertThatThrownBy(() -> Passport.parse(text)).as(e.getKey()).isInstanceOf(VesperException.class)
          .extracting(x -> ((VesperException) x).code()).isEqualTo(ErrorCode.STIR_IDENTITY_MALFORMED);
    }
    String wrongTyp = CompactJws.sign(Map.of("alg", "ES256", "typ", "JWT"),
        Map.of("orig", Map.of("tn", "12025550100"), "dest", Map.of("tn", List.of("1")), "iat", 1L), Fixtures.issuerKey());
    assertThatThrownBy(() -> Passport.parse(wrongTyp)).extracting(x -> ((VesperException) x).code()).isEqualTo(ErrorCode.STIR_IDENTITY_MALFORMED);
    String rs256 = Base64Url.encode("{\"alg\":\"RS256\",\"typ\":\"passport\"}") + "." + Base64Url.encode("{}") + ".c2ln";
    assertThatThrownBy(() -> Passport.parse(rs256)).extracting(x -> ((VesperException) x).code()).isEqualTo(ErrorCode.STIR_UNSUPPORTED_CREDENTIAL);
    assertThatThrownBy(() -> Passport.parse("not.a")).extracting(x -> ((VesperException) x).code()).isEqualTo(ErrorCode.STIR_IDENTITY_MALFORMED);
  }
}
