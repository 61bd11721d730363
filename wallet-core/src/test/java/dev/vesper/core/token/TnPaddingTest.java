package dev.vesper.core.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vesper.core.json.Json;
import dev.vesper.core.sdjwt.Disclosure;
import dev.vesper.core.sdjwt.HolderToken;
import dev.vesper.core.sdjwt.Limits;
import dev.vesper.core.sdjwt.SdJwtEncoder;
import dev.vesper.core.testing.Fixtures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The {@code tn} array is padded with decoys to its bucket (docs/token-profile.md §2.1): whatever the
 * number of entries, the array a call discloses (the {@code tn} disclosure's value) has a bucket size.
 */
class TnPaddingTest {
  private static final TokenIssuer ISSUER =
      TokenIssuer.create(Fixtures.issuerKey(), "https://issuer.example", Fixtures.clock(), Fixtures.randomness(7));

  @Test
  void bucketsArePowersOfTwoOfAtLeastTheMinimum() {
    assertThat(SdJwtEncoder.bucket(0, 8)).isEqualTo(8);
    assertThat(SdJwtEncoder.bucket(1, 8)).isEqualTo(8);
    assertThat(SdJwtEncoder.bucket(8, 8)).isEqualTo(8);
    assertThat(SdJwtEncoder.bucket(9, 8)).isEqualTo(16);
    assertThat(SdJwtEncoder.bucket(17, 8)).isEqualTo(32);
    assertThat(SdJwtEncoder.bucket(1000, 8)).isEqualTo(1024);
    assertThat(SdJwtEncoder.bucket(1024, 8)).isEqualTo(1024);
    assertThat(SdJwtEncoder.bucket(3, 1)).isEqualTo(4);
  }

  @Property(tries = 40)
  void everyTnArrayIsABucketSize(@ForAll @IntRange(min = 1, max = 70) int numbers) throws Exception {
    HolderToken token = HolderToken.fromTrustedStore(ISSUER.issue(attributes(numbers), Fixtures.holderKey().publicJwk(), Duration.ofDays(1)), Limits.DEFAULT);
    List<?> array = disclosedTnArray(token);
    assertThat(array).hasSize(SdJwtEncoder.bucket(numbers, VesperToken.MIN_TN_BUCKET));
    assertThat(token.claims().get("tn")).asList().hasSize(numbers);
  }

  @Test
  void theLargestTokenIsPaddedTo1024() throws Exception {
    HolderToken token = HolderToken.fromTrustedStore(ISSUER.issue(attributes(1000), Fixtures.holderKey().publicJwk(), Duration.ofDays(1)), Limits.DEFAULT);
    assertThat(disclosedTnArray(token)).hasSize(1024);
  }

  @Test
  void tokensWithOneAndWithEightNumbersShowTheSameLength() throws Exception {
    List<?> one = disclosedTnArray(HolderToken.fromTrustedStore(ISSUER.issue(attributes(1), Fixtures.holderKey().publicJwk(), Duration.ofDays(1)), Limits.DEFAULT));
    List<?> eight = disclosedTnArray(HolderToken.fromTrustedStore(ISSUER.issue(attributes(8), Fixtures.holderKey().publicJwk(), Duration.ofDays(1)), Limits.DEFAULT));
    assertThat(one).hasSameSizeAs(eight);
    for (Object element : one) { // real and decoy elements look alike: {"...": digest}
      assertThat(element).isInstanceOfSatisfying(Map.class, m -> assertThat(m).containsOnlyKeys("..."));
    }
  }

  /** The value of the {@code tn} property disclosure: what every call presentation shows. */
  private static List<?> disclosedTnArray(HolderToken token) {
    for (Disclosure d : token.token().disclosures()) {
      if (VesperToken.TN.equals(d.name())) {
        return (List<?>) d.value();
      }
    }
    throw new AssertionError("no tn disclosure");
  }

  private static IdentityAttributes attributes(int numbers) throws Exception {
    List<Object> tn = new ArrayList<>();
    for (int i = 0; i < numbers; i++) {
      tn.add("+1202555" + String.format("%04d", i));
    }
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("name", "Acme");
    claims.put("entity_type", "organization");
    claims.put("tn", tn);
    return IdentityAttributes.fromInput(Json.parseObject(Json.write(claims)));
  }
}
