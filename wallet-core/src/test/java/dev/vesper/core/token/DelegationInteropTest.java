package dev.vesper.core.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.json.Json;
import dev.vesper.core.phone.TelephoneNumber;
import dev.vesper.core.sdjwt.KeyBindingRequest;
import dev.vesper.core.testing.ErrorCodes;
import dev.vesper.core.testing.Fixtures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The delegation format (docs/token-profile.md §6) against an implementation nobody here wrote
 * (nimbus-jose-jwt, the test oracle): what we sign, nimbus reads and verifies with the client's key, with
 * every claim as specified; what nimbus signs in the format, we read and verify.
 */
class DelegationInteropTest {
  private static final KeyBindingRequest CALL = new KeyBindingRequest("tel:+14155550123", "call-nonce", 1_795_824_000L);

  @Test
  void nimbusVerifiesOurDelegation() throws Exception {
    String ours = Delegation.sign(Fixtures.holderKey(), CALL, "eyJ~d1~", 1_795_827_600L, List.of(new TelephoneNumber("12025550210")),
        Fixtures.attackerKey().publicJwk());
    SignedJWT jwt = SignedJWT.parse(ours);
    assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
    assertThat(jwt.getHeader().getType()).isEqualTo(new JOSEObjectType("vesper-delegation+jwt"));
    assertThat(jwt.verify(new ECDSAVerifier(ECKey.parse(Json.write(Fixtures.holderKey().publicJwk().toJson()))))).isTrue();
    assertThat(jwt.verify(new ECDSAVerifier(ECKey.parse(Json.write(Fixtures.attackerKey().publicJwk().toJson()))))).isFalse();
    JWTClaimsSet claims = jwt.getJWTClaimsSet();
    assertThat(claims.getAudience()).containsExactly("tel:+14155550123");
    assertThat(claims.getStringClaim("nonce")).isEqualTo("call-nonce");
    assertThat(claims.getIssueTime().getTime()).isEqualTo(1_795_824_000_000L);
    assertThat(claims.getExpirationTime().getTime()).isEqualTo(1_795_827_600_000L);
    assertThat(claims.getStringListClaim("tn")).containsExactly("12025550210");
    assertThat(((Map<?, ?>) claims.getClaim("cnf")).get("jkt"))
        .isEqualTo(ECKey.parse(Json.write(Fixtures.attackerKey().publicJwk().toJson())).computeThumbprint().toString());
  }

  @Test
  void weReadAndVerifyADelegationNimbusSigned() throws Exception {
    ECKey client = ECKey.parse(Fixtures.HOLDER_JWK);
    String agentJkt = ECKey.parse(Json.write(Fixtures.attackerKey().publicJwk().toJson())).computeThumbprint().toString();
    JWTClaimsSet claims = new JWTClaimsSet.Builder().audience("tel:+14155550123").claim("nonce", "call-nonce")
        .claim("iat", 1_795_824_000L).claim("exp", 1_795_827_600L).claim("sd_hash", "x".repeat(43))
        .claim("tn", List.of("12025550210")).claim("cnf", Map.of("jkt", agentJkt)).build();
    SignedJWT theirs = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("vesper-delegation+jwt")).build(), claims);
    theirs.sign(new ECDSASigner(client));
    Delegation d = Delegation.parse(theirs.serialize());
    assertThat(d.signedBy(Fixtures.holderKey().publicJwk())).isTrue();
    assertThat(d.audience()).isEqualTo("tel:+14155550123");
    assertThat(d.expiresAt()).isEqualTo(1_795_827_600L);
    assertThat(d.numbers()).containsExactly(new TelephoneNumber("12025550210"));
    assertThat(d.agentThumbprint()).isEqualTo(agentJkt);

    // nimbus adds a kid on request: a member the format does not have is refused
    SignedJWT withKid = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("vesper-delegation+jwt")).keyID("k")
        .build(), claims);
    withKid.sign(new ECDSASigner(client));
    assertThat(ErrorCodes.of(() -> Delegation.parse(withKid.serialize()))).isEqualTo(ErrorCode.DELEGATION_MALFORMED);
  }
}
