package dev.vesper.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.jose.CompactJws;
import dev.vesper.core.json.Base64Url;
import dev.vesper.core.json.Json;
import dev.vesper.core.testing.ErrorCodes;
import dev.vesper.core.testing.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** C2SP Wycheproof vectors through our own ES256, JWS and JWK code (../shared/vectors/wycheproof). */
class WycheproofTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static JsonNode load(String file) throws IOException {
    return MAPPER.readTree(Fixtures.sharedVector("wycheproof/" + file).toFile());
  }

  @TestFactory
  Stream<DynamicTest> ecdsaP256Sha256P1363() throws Exception {
    JsonNode root = load("ecdsa_secp256r1_sha256_p1363_test.json");
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode group : root.get("testGroups")) {
      byte[] point = HexFormat.of().parseHex(group.get("publicKey").get("uncompressed").asText());
      PublicJwk key =
          PublicJwk.fromJson(
              Json.parseObject(
                  "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\""
                      + Base64Url.encode(Arrays.copyOfRange(point, 1, 33))
                      + "\",\"y\":\""
                      + Base64Url.encode(Arrays.copyOfRange(point, 33, 65))
                      + "\"}"));
      for (JsonNode t : group.get("tests")) {
        String result = t.get("result").asText();
        byte[] msg = HexFormat.of().parseHex(t.get("msg").asText());
        byte[] sig = HexFormat.of().parseHex(t.get("sig").asText());
        tests.add(
            DynamicTest.dynamicTest(
                "tc" + t.get("tcId").asInt() + " " + t.get("comment").asText() + " -> " + result,
                () -> {
                  boolean ok = key.verify(msg, sig);
                  if (result.equals("valid")) {
                    assertThat(ok).as("valid signature must verify").isTrue();
                  } else if (result.equals("invalid")) {
                    assertThat(ok).as("invalid signature must not verify").isFalse();
                  }
                }));
      }
    }
    assertThat(tests).hasSizeGreaterThan(200);
    return tests.stream();
  }

  /**
   * JWS vectors for ES256 keys: every invalid JWS is refused by our path (parse, ES256-only header,
   * key selection, signature). Valid ones carry the non-JSON payload "foo", which our JWT-only parser
   * refuses by design, so for those the signature itself is checked with our ES256 code.
   */
  @TestFactory
  Stream<DynamicTest> jsonWebSignatureEs256Groups() throws Exception {
    JsonNode root = load("json_web_signature_test.json");
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode group : root.get("testGroups")) {
      JsonNode pub = group.get("public");
      if (pub == null || !pub.path("kty").asText().equals("EC") && !pub.has("keys")) {
        continue;
      }
      if (!pub.toString().contains("P-256")) {
        continue;
      }
      for (JsonNode t : group.get("tests")) {
        if (!t.get("jws").isTextual()) {
          continue;
        }
        String jws = t.get("jws").asText();
        String result = t.get("result").asText();
        tests.add(
            DynamicTest.dynamicTest(
                group.get("comment").asText() + " tc" + t.get("tcId").asInt() + " " + t.get("comment").asText(),
                () -> {
                  if (result.equals("invalid")) {
                    assertThat(verifiesAsJwt(pub.toString(), jws)).as("invalid JWS accepted").isFalse();
                  } else if (result.equals("valid")) {
                    assertThat(signatureVerifies(pub.toString(), jws)).as("valid JWS signature").isTrue();
                  }
                }));
      }
    }
    assertThat(tests).hasSizeGreaterThan(30);
    return tests.stream();
  }

  private static boolean verifiesAsJwt(String keyJson, String jws) {
    try {
      TrustedKeys keys = TrustedKeys.parse(keyJson);
      CompactJws parsed = CompactJws.parse(jws, "JWS");
      parsed.requireEs256(ErrorCode.ISSUER_ALG_NOT_ALLOWED, ErrorCode.ISSUER_HEADER_UNSUPPORTED, "JWS");
      Optional<PublicJwk> key = keys.select(parsed.headerString("kid"));
      return key.isPresent() && key.get().verify(parsed.signingInput(), parsed.signature());
    } catch (VesperException e) {
      return false;
    }
  }

  private static boolean signatureVerifies(String keyJson, String jws) throws VesperException {
    TrustedKeys keys = TrustedKeys.parse(keyJson);
    String[] parts = jws.split("\\.", -1);
    byte[] sig = Base64Url.decode(parts[2], "signature");
    byte[] input = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
    return keys.keys().get(0).verify(input, sig);
  }

  /** JWK vectors: every EC key variant the file marks unusable is refused when we parse the key set. */
  @TestFactory
  Stream<DynamicTest> jsonWebKeyEcCases() throws Exception {
    JsonNode root = load("json_web_key_test.json");
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode group : root.get("testGroups")) {
      JsonNode pub = group.get("public");
      if (pub == null || !pub.toString().contains("\"EC\"") && !pub.toString().contains("P-")) {
        continue;
      }
      for (JsonNode t : group.get("tests")) {
        String jws = t.get("jws").asText();
        tests.add(
            DynamicTest.dynamicTest(
                group.get("comment").asText() + " tc" + t.get("tcId").asInt(),
                () -> {
                  if (t.get("result").asText().equals("invalid")) {
                    assertThat(verifiesAsJwt(pub.toString(), jws)).as("unusable key accepted").isFalse();
                  }
                }));
      }
    }
    assertThat(tests).hasSizeGreaterThanOrEqualTo(6);
    return tests.stream();
  }

  @Test
  void refusesPointsOffTheCurveAndPrivatePartsInPublicKeys() {
    String offCurve =
        "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"04N0xi21hshyvBp7I167sbE_bXqyqkAPfefdklMO7wY\","
            + "\"y\":\"UI8exy-C06a7DUnjIdENkxeFtHM4-l_41LqEw9nVgnw\"}";
    assertThat(ErrorCodes.of(() -> PublicJwk.parse(offCurve))).isEqualTo(ErrorCode.KEY_INVALID_JWK);
    assertThat(ErrorCodes.of(() -> PublicJwk.parse(Fixtures.HOLDER_JWK))).isEqualTo(ErrorCode.KEY_INVALID_JWK);
    assertThat(ErrorCodes.of(() -> PublicJwk.parse("{\"kty\":\"EC\",\"crv\":\"P-384\",\"x\":\"AA\",\"y\":\"AA\"}")))
        .isEqualTo(ErrorCode.KEY_INVALID_JWK);
    assertThat(ErrorCodes.of(() -> PublicJwk.parse("{\"kty\":\"oct\",\"k\":\"AAAA\"}"))).isEqualTo(ErrorCode.KEY_INVALID_JWK);
  }

}
