package dev.vesper.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.json.Json;
import dev.vesper.core.testing.Fixtures;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Issuer-bound trust (RFC 9901 §7.1 step 2.3): a key from an issuer's metadata verifies only that issuer's tokens. */
class TrustedKeysTest {
  private static final String A = "https://issuer-a.example";
  private static final String B = "https://issuer-b.example/tenant/7";

  static String metadata(String issuer, SigningKey... keys) {
    return Json.write(Map.of("issuer", issuer, "jwks", Map.of("keys", Arrays.stream(keys).map(k -> k.publicJwk().toJson()).toList())));
  }

  @Test
  void aMetadataDocumentBindsItsKeysToItsIssuer() throws Exception {
    TrustedKeys a = TrustedKeys.parse(metadata(A, Fixtures.issuerKey()));
    assertThat(a.issuers()).containsExactly(A);
    assertThat(a.keyFor(A, "test-key-1")).isEqualTo(Fixtures.issuerKey().publicJwk());
    assertThat(a.keyFor(A, null)).as("the issuer's only key").isEqualTo(Fixtures.issuerKey().publicJwk());
    expect(() -> a.keyFor(B, "test-key-1"), ErrorCode.ISSUER_MISMATCH);
    expect(() -> a.keyFor(A + "/", "test-key-1"), ErrorCode.ISSUER_MISMATCH); // byte for byte, no normalising
    expect(() -> a.keyFor(null, "test-key-1"), ErrorCode.ISSUER_MISMATCH);
    expect(() -> a.keyFor(B, null), ErrorCode.ISSUER_UNKNOWN_KEY);
    expect(() -> a.keyFor(A, "nope"), ErrorCode.ISSUER_UNKNOWN_KEY);
  }

  @Test
  void twoIssuersMayShareAKidButNeverEachOthersKeys() throws Exception {
    PublicJwk attacker = Fixtures.attackerKey().publicJwk();
    TrustedKeys b = TrustedKeys.ofIssuer(B, List.of(attacker.withKid("test-key-1")));
    TrustedKeys both = TrustedKeys.union(List.of(TrustedKeys.parse(metadata(A, Fixtures.issuerKey())), b));
    assertThat(both.keyFor(A, "test-key-1")).isEqualTo(Fixtures.issuerKey().publicJwk());
    assertThat(both.keyFor(B, "test-key-1").sameKeyAs(attacker)).isTrue();
    assertThat(both.keysOf(A).keys()).containsExactly(Fixtures.issuerKey().publicJwk());
    assertThat(both.keysOf(B).contains(Fixtures.issuerKey().publicJwk())).isFalse();
    assertThat(both.issuers()).containsExactly(A, B);
  }

  @Test
  void bareKeysAnswerForAnyIssuerAsBefore() throws Exception {
    TrustedKeys bare = TrustedKeys.parse(Fixtures.ISSUER_JWK.replaceAll(",\"d\":\"[^\"]+\"", ""));
    assertThat(bare.issuers()).isEmpty();
    assertThat(bare.keyFor(A, "test-key-1")).isEqualTo(Fixtures.issuerKey().publicJwk());
    assertThat(bare.keyFor(null, null)).isEqualTo(Fixtures.issuerKey().publicJwk());
    assertThat(bare.keysOf(B).keys()).hasSize(1);
  }

  @Test
  void malformedMetadataIsRefused() {
    String key = Json.write(Fixtures.issuerKey().publicJwk().toJson());
    for (String bad : List.of(
        "{\"issuer\":\"" + A + "\"}",
        "{\"jwks\":{\"keys\":[" + key + "]}}",
        "{\"issuer\":1,\"jwks\":{\"keys\":[" + key + "]}}",
        "{\"issuer\":\"\",\"jwks\":{\"keys\":[" + key + "]}}",
        "{\"issuer\":\"" + A + "\",\"jwks\":{\"keys\":[]}}",
        "{\"issuer\":\"" + A + "\",\"jwks\":{\"keys\":[" + key + "," + key + "]}}",
        "{\"issuer\":\"" + A + "\",\"jwks\":{\"keys\":[" + Fixtures.ISSUER_JWK + "]}}")) {
      assertThatThrownBy(() -> TrustedKeys.parse(bad)).as(bad).isInstanceOf(VesperException.class);
    }
    assertThatThrownBy(() -> TrustedKeys.parse("{\"issuer\":\"" + A + "\",\"jwks_uri\":\"" + A + "/jwks\"}"))
        .extracting(e -> ((VesperException) e).code()).isEqualTo(ErrorCode.KEY_UNSUPPORTED);
  }

  private static void expect(ThrowingCallable call, ErrorCode code) {
    assertThatThrownBy(call).isInstanceOf(VesperException.class).extracting(e -> ((VesperException) e).code()).isEqualTo(code);
  }
}
