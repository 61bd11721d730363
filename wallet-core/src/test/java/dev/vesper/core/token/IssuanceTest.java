package dev.vesper.core.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.authlete.sd.SDJWT;
import com.authlete.sd.SDObjectDecoder;
import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.json.Base64Url;
import dev.vesper.core.json.Json;
import dev.vesper.core.sdjwt.ClaimPath;
import dev.vesper.core.sdjwt.Disclosure;
import dev.vesper.core.sdjwt.HolderToken;
import dev.vesper.core.sdjwt.KeyBindingRequest;
import dev.vesper.core.sdjwt.Limits;
import dev.vesper.core.sdjwt.SdJwt;
import dev.vesper.core.testing.ErrorCodes;
import dev.vesper.core.testing.Fixtures;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IssuanceTest {
  private static final TokenIssuer ISSUER =
      TokenIssuer.create(Fixtures.issuerKey(), "https://issuer.example", Fixtures.clock(), Fixtures.randomness(1));

  private static String issue() throws Exception {
    return ISSUER.issue(Fixtures.enterprise(), Fixtures.holderKey().publicJwk(), Duration.ofDays(30));
  }

  @Test
  void everyAttributeIsHiddenAndValidityClaimsAreVisible() throws Exception {
    SdJwt token = SdJwt.parse(issue(), Limits.DEFAULT);
    Map<String, Object> payload = token.issuerJwt().payload();
    assertThat(token.issuerJwt().header()).containsEntry("typ", "dc+sd-jwt").containsEntry("kid", "test-key-1");
    assertThat(payload).containsKeys("iss", "iat", "exp", "vct", "cnf", "_sd", "_sd_alg");
    assertThat(payload).doesNotContainKeys("name", "entity_type", "address", "kyc", "tn", "business_ids");
    assertThat(payload.get("exp")).isEqualTo(Fixtures.NOW.getEpochSecond() + 30 * 86400);
    assertThat(Json.write(payload)).doesNotContain("Acme").doesNotContain("12025550100");
    // 7 attributes, 1..3 decoys at the top level
    assertThat((List<?>) payload.get("_sd")).hasSizeBetween(8, 10);
  }

  @Test
  void saltsAre128BitAndUnique() throws Exception {
    SdJwt token = SdJwt.parse(issue(), Limits.DEFAULT);
    Set<String> salts = new HashSet<>();
    for (Disclosure d : token.disclosures()) {
      List<?> array = (List<?>) Json.parse(Base64Url.decode(d.encoded(), "d"));
      String salt = (String) array.get(0);
      assertThat(Base64Url.decode(salt, "salt")).hasSize(16);
      assertThat(salts.add(salt)).isTrue();
    }
    // name, entity_type, 5 address parts + address, category, ein + business_ids, 3 kyc parts + kyc, 3 tn + tn
    assertThat(token.disclosures()).hasSize(19);
  }

  @Test
  void authleteDecodesOurTokenToTheSameClaims() throws Exception {
    String issued = issue();
    HolderToken ours = HolderToken.fromTrustedStore(issued, Limits.DEFAULT);
    SDJWT theirs = SDJWT.parse(issued);
    Map<String, Object> payload = Fixtures.json(Json.write(SdJwt.parse(issued, Limits.DEFAULT).issuerJwt().payload()));
    Map<String, Object> decoded = new SDObjectDecoder().decode(payload, theirs.getDisclosures());
    assertThat(Fixtures.json(Json.writeCanonical(decoded))).isEqualTo(Fixtures.json(Json.writeCanonical(ours.claims())));
  }

  @Test
  void holderSelectsAClaimWithItsParents() throws Exception {
    HolderToken holder = HolderToken.fromTrustedStore(issue(), Limits.DEFAULT);
    Set<Disclosure> locality = holder.disclosuresFor(ClaimPath.of("address", "locality"));
    assertThat(locality).extracting(Disclosure::name).containsExactlyInAnyOrder("locality", "address");
    Set<Disclosure> number = ClaimSelector.parse("tn=+1 202 555 0250").select(holder);
    assertThat(number).hasSize(2);
    assertThat(number).extracting(Disclosure::value).anyMatch(v -> v instanceof Map<?, ?> m && "12025550200".equals(m.get("start")));
    Set<Disclosure> wholeAddress = holder.disclosuresFor(ClaimPath.of("address"));
    assertThat(wholeAddress).hasSize(6);
  }

  @Test
  void holderRefusesUnknownPathsAndNumbersItDoesNotHold() throws Exception {
    HolderToken holder = HolderToken.fromTrustedStore(issue(), Limits.DEFAULT);
    assertThat(ErrorCodes.of(() -> holder.disclosuresFor(ClaimPath.of("email")))).isEqualTo(ErrorCode.PRESENTATION_UNKNOWN_PATH);
    assertThat(ErrorCodes.of(() -> ClaimSelector.parse("tn=+1 202 555 0999").select(holder)))
        .isEqualTo(ErrorCode.PRESENTATION_UNKNOWN_PATH);
    assertThat(ErrorCodes.of(() -> ClaimSelector.parse("address..locality"))).isEqualTo(ErrorCode.PRESENTATION_BAD_PATH);
  }

  @Test
  void holderRefusesToSignWithAKeyOtherThanCnf() throws Exception {
    HolderToken holder = HolderToken.fromTrustedStore(issue(), Limits.DEFAULT);
    assertThat(ErrorCodes.of(() -> holder.present(Set.of(), Fixtures.attackerKey(), new KeyBindingRequest("a", "n", 1))))
        .isEqualTo(ErrorCode.KB_NO_HOLDER_KEY);
  }

  @Test
  void batchTokensShareNoSaltOrDigest() throws Exception {
    Set<String> digests = new HashSet<>();
    for (int i = 0; i < 5; i++) {
      for (Disclosure d : SdJwt.parse(issue(), Limits.DEFAULT).disclosures()) {
        assertThat(digests.add(d.digest())).isTrue();
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"name\":\"A\",\"entity_type\":\"organization\",\"tn\":[\"+12025550100\"],\"email\":\"a@b\"}|issuance.unknown_attribute",
        "{\"name\":\"A\",\"entity_type\":\"organization\",\"tn\":[\"+12025550100\"],\"address\":{\"planet\":\"Mars\"}}|issuance.unknown_attribute",
        "{\"name\":\"A\",\"entity_type\":\"organization\",\"tn\":[]}|issuance.empty_tn",
        "{\"name\":\"A\",\"entity_type\":\"organization\",\"tn\":[\"+12025550100\",\"12025550100\"]}|issuance.overlapping_numbers",
        "{\"name\":\"A\",\"entity_type\":\"organization\",\"tn\":[{\"start\":\"12025550100\",\"count\":10},\"+1 202 555 0105\"]}|issuance.overlapping_numbers",
        "{\"name\":\"A\",\"entity_type\":\"organization\",\"tn\":[\"(202) 555-0100\"]}|tn.invalid",
        "{\"name\":\"A\",\"entity_type\":\"organization\",\"tn\":[{\"start\":\"999\",\"count\":5}]}|tn.range_invalid",
        "{\"name\":\"A\",\"entity_type\":\"robot\",\"tn\":[\"+12025550100\"]}|issuance.bad_attribute",
        "{\"entity_type\":\"organization\",\"tn\":[\"+12025550100\"]}|issuance.bad_attribute",
        "{\"name\":\"\",\"entity_type\":\"organization\",\"tn\":[\"+12025550100\"]}|issuance.bad_attribute",
        "{\"name\":\"A\\u202Eevil\",\"entity_type\":\"organization\",\"tn\":[\"+12025550100\"]}|issuance.bad_attribute",
        "{\"name\":\"A\",\"entity_type\":\"organization\",\"tn\":[\"+12025550100\"],\"kyc\":{\"level\":\"max\"}}|issuance.bad_attribute",
        "{\"name\":\"A\",\"entity_type\":\"organization\",\"tn\":[\"+12025550100\"],\"address\":{\"country\":\"usa\"}}|issuance.bad_attribute",
        "{\"name\":\"A\",\"entity_type\":\"organization\",\"tn\":\"+12025550100\"}|issuance.bad_attribute",
      })
  void issuerRefusesBadInput(String claims, String id) {
    assertThat(ErrorCodes.of(() -> IdentityAttributes.fromInput(Json.parseObject(claims)))).isEqualTo(ErrorCode.fromId(id));
  }

  @Test
  void issuerRefusesExpiryNotAfterIssuance() {
    assertThat(
            ErrorCodes.of(
                () -> ISSUER.issue(Fixtures.enterprise(), Fixtures.holderKey().publicJwk(), Fixtures.NOW, Fixtures.NOW)))
        .isEqualTo(ErrorCode.ISSUANCE_BAD_VALIDITY);
  }
}
