package dev.vesper.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.jose.CompactJws;
import dev.vesper.core.json.Json;
import dev.vesper.core.testing.ErrorCodes;
import dev.vesper.core.testing.Fixtures;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Our ES256 against Nimbus, an independent JOSE implementation, in both directions. */
class SigningKeyTest {
  @Test
  void nimbusVerifiesWhatWeSign() throws Exception {
    SigningKey key = Fixtures.issuerKey();
    String jws = CompactJws.sign(Map.of("alg", "ES256", "typ", "JWT"), Map.of("sub", "x"), key);
    ECKey nimbusKey = ECKey.parse(Json.write(key.publicJwk().toJson()));
    assertThat(JWSObject.parse(jws).verify(new ECDSAVerifier(nimbusKey))).isTrue();
  }

  @Test
  void weVerifyWhatNimbusSigns() throws Exception {
    ECKey nimbusKey = ECKey.parse(Fixtures.HOLDER_JWK);
    JWSObject jws = new JWSObject(new JWSHeader(JWSAlgorithm.ES256), new Payload("{\"a\":1}"));
    jws.sign(new ECDSASigner(nimbusKey));
    CompactJws parsed = CompactJws.parse(jws.serialize(), "JWS");
    assertThat(Fixtures.holderKey().publicJwk().verify(parsed.signingInput(), parsed.signature())).isTrue();
    assertThat(Fixtures.issuerKey().publicJwk().verify(parsed.signingInput(), parsed.signature())).isFalse();
  }

  @Test
  void privateJwkRoundTripsOnlyThroughCleartextKeys() throws Exception {
    SigningKey generated = SigningKey.generate(new SecureRandom(), "k1");
    SigningKey parsed = SigningKey.parse(Json.write(CleartextKeys.toPrivateJwk(generated)));
    assertThat(parsed.publicJwk()).isEqualTo(generated.publicJwk());
    assertThat(generated.publicJwk().toJson()).doesNotContainKey("d");
    assertThat(generated.toString()).doesNotContain(String.valueOf(CleartextKeys.toPrivateJwk(generated).get("d")));
  }

  @Test
  void refusesPrivateJwkWhoseScalarDoesNotMatchThePoint() {
    Map<String, Object> holder = Fixtures.json(Fixtures.HOLDER_JWK);
    Map<String, Object> mixed = new LinkedHashMap<>(Fixtures.json(Fixtures.ISSUER_JWK));
    mixed.put("d", holder.get("d"));
    assertThat(ErrorCodes.of(() -> SigningKey.parse(Json.write(mixed)))).isEqualTo(ErrorCode.KEY_INVALID_JWK);
  }

  @Test
  void thumbprintFollowsRfc7638() throws Exception {
    // RFC 7638 §3.1 uses an RSA key; for EC we cross-check with Nimbus's implementation.
    PublicJwk key = Fixtures.issuerKey().publicJwk();
    assertThat(key.thumbprint()).isEqualTo(ECKey.parse(Json.write(key.toJson())).computeThumbprint().toString());
  }
}
