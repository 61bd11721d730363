package dev.vesper.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vesper.core.crypto.PublicJwk;
import dev.vesper.core.crypto.TrustedKeys;
import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.testing.ErrorCodes;
import dev.vesper.core.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** RFC 9901 examples (../shared/vectors/rfc9901), verified as they are: generic profile, no KB. */
class Rfc9901VectorsTest {
  private static final Clock IN_VALIDITY = Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC);

  private static VerificationPolicy generic() throws Exception {
    TrustedKeys issuer = TrustedKeys.parse(Fixtures.read(Fixtures.sharedVector("rfc9901/issuer.pub.jwk")));
    return VerificationPolicy.builder(issuer).profile(Profile.GENERIC).withoutKeyBinding().clock(IN_VALIDITY).build();
  }

  private static String vector(String name) {
    return Fixtures.read(Fixtures.sharedVector("rfc9901/" + name)).strip();
  }

  @Test
  void mainExampleWithAllDisclosures() throws Exception {
    Map<String, Object> claims = PresentationVerifier.create().verify(vector("example1-all-disclosures.txt"), generic()).claims();
    assertThat(claims)
        .containsEntry("sub", "user_42")
        .containsEntry("given_name", "John")
        .containsEntry("family_name", "Doe")
        .containsEntry("email", "johndoe@example.com")
        .containsEntry("phone_number", "+1-202-555-0101")
        .containsEntry("phone_number_verified", true)
        .containsEntry("birthdate", "1940-01-01")
        .containsEntry("updated_at", 1570000000L)
        .containsEntry("nationalities", List.of("US", "DE"))
        .containsEntry("iat", 1683000000L)
        .containsEntry("exp", 1883000000L);
    assertThat(claims.get("address"))
        .isEqualTo(Map.of("street_address", "123 Main St", "locality", "Anytown", "region", "Anystate", "country", "US"));
    assertThat(claims).doesNotContainKeys("_sd", "_sd_alg");
  }

  @Test
  void mainExampleWithSomeDisclosures() throws Exception {
    Map<String, Object> claims = PresentationVerifier.create().verify(vector("example1-some-disclosures.txt"), generic()).claims();
    assertThat(claims).containsEntry("given_name", "John").containsEntry("family_name", "Doe");
    assertThat(claims).containsEntry("nationalities", List.of("US"));
    assertThat(claims).doesNotContainKeys("email", "phone_number", "birthdate", "updated_at");
  }

  @Test
  void nestedVerifiedClaimsExample() throws Exception {
    Map<String, Object> claims = PresentationVerifier.create().verify(vector("example3.txt"), generic()).claims();
    @SuppressWarnings("unchecked")
    Map<String, Object> verified = (Map<String, Object>) claims.get("verified_claims");
    @SuppressWarnings("unchecked")
    Map<String, Object> inner = (Map<String, Object>) verified.get("claims");
    assertThat(inner).containsEntry("given_name", "Max").containsEntry("family_name", "Müller");
    @SuppressWarnings("unchecked")
    Map<String, Object> verification = (Map<String, Object>) verified.get("verification");
    assertThat(verification).containsEntry("trust_framework", "de_aml").containsEntry("time", "2012-04-23T18:25Z");
    assertThat(verification).containsKey("evidence");
  }

  /** The specification's SD-JWT+KB example: key binding verified with the holder key in cnf. */
  @Test
  void specificationExampleWithKeyBinding() throws Exception {
    String presentation = new String(
        Rfc9901VectorsTest.class.getResourceAsStream("/rfc/sd-jwt-kb-example.txt").readAllBytes(),
        StandardCharsets.US_ASCII).strip();
    TrustedKeys issuer = TrustedKeys.parse(Fixtures.read(Fixtures.sharedVector("rfc9901/issuer.pub.jwk")));
    VerificationPolicy.Builder policy =
        VerificationPolicy.builder(issuer)
            .profile(Profile.GENERIC)
            .expectIssuerTyp("example+sd-jwt")
            .expectAudience("https://verifier.example.org")
            .expectNonce("1234567890")
            .clock(Clock.fixed(Instant.ofEpochSecond(1_718_298_766L + 10), ZoneOffset.UTC));
    VerifiedPresentation verified = PresentationVerifier.create().verify(presentation, policy.build());
    assertThat(verified.claims())
        .containsEntry("given_name", "John")
        .containsEntry("family_name", "Doe")
        .containsEntry("nationalities", List.of("US"))
        .doesNotContainKeys("email", "birthdate");
    assertThat(verified.holderKey().orElseThrow().thumbprint())
        .isEqualTo(cnfKey(verified.claims()).thumbprint());
    assertThat(ErrorCodes.of(() -> PresentationVerifier.create().verify(presentation, policy.expectNonce("other").build())))
        .isEqualTo(ErrorCode.KB_NONCE_MISMATCH);
    assertThat(
            ErrorCodes.of(
                () ->
                    PresentationVerifier.create()
                        .verify(presentation, policy.expectNonce("1234567890").clock(Clock.fixed(Instant.ofEpochSecond(1_718_298_766L + 301), ZoneOffset.UTC)).build())))
        .isEqualTo(ErrorCode.KB_IAT_OUT_OF_WINDOW);
  }

  @Test
  void theSameVectorsFailTheVesperProfileAndAKeyBindingPolicy() throws Exception {
    TrustedKeys issuer = TrustedKeys.parse(Fixtures.read(Fixtures.sharedVector("rfc9901/issuer.pub.jwk")));
    VerificationPolicy vesper = VerificationPolicy.builder(issuer).withoutKeyBinding().clock(IN_VALIDITY).build();
    assertThat(ErrorCodes.of(() -> PresentationVerifier.create().verify(vector("example3.txt"), vesper)))
        .isEqualTo(ErrorCode.ISSUER_TYP_MISMATCH);
    VerificationPolicy withKb =
        VerificationPolicy.builder(issuer).profile(Profile.GENERIC).expectAudience("a").expectNonce("n").clock(IN_VALIDITY).build();
    assertThat(ErrorCodes.of(() -> PresentationVerifier.create().verify(vector("example3.txt"), withKb)))
        .isEqualTo(ErrorCode.KB_MISSING);
    VerificationPolicy later =
        VerificationPolicy.builder(issuer).profile(Profile.GENERIC).withoutKeyBinding()
            .clock(Clock.fixed(Instant.ofEpochSecond(1_883_000_060L), ZoneOffset.UTC)).build();
    assertThat(ErrorCodes.of(() -> PresentationVerifier.create().verify(vector("example3.txt"), later)))
        .isEqualTo(ErrorCode.VALIDITY_EXPIRED);
  }

  /** The holder key the issuer JWT binds ({@code cnf.jwk}, RFC 7800 §3.2), read straight from the verified claims. */
  @SuppressWarnings("unchecked")
  private static PublicJwk cnfKey(Map<String, Object> claims) throws Exception {
    return PublicJwk.fromJson((Map<String, Object>) ((Map<String, Object>) claims.get("cnf")).get("jwk"));
  }
}
