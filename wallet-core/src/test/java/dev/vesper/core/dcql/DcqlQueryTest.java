package dev.vesper.core.dcql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.json.Json;
import dev.vesper.core.sdjwt.ClaimPath;
import dev.vesper.core.testing.ErrorCodes;
import dev.vesper.core.token.VesperDcql;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * DCQL (OpenID4VP 1.0 §6–7): one file per malformed query in src/test/resources/dcql-negative, the
 * spec's selection rules for paths, values, claim sets and credential sets, and the verifier's check.
 */
class DcqlQueryTest {
  static final String VCT = "https://vesper.dev/vct/identity/v1";
  static final Map<String, Object> TOKEN = Map.of(
      "name", "Acme", "address", Map.of("locality", "Washington", "country", "US"),
      "tn", List.of("12025550100", Map.of("start", "12025550200", "count", 100L)), "vct", VCT);

  static Stream<Path> negatives() throws Exception {
    Path dir = Path.of(DcqlQueryTest.class.getResource("/dcql-negative").toURI());
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> list = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
      assertThat(list).hasSizeGreaterThanOrEqualTo(20);
      return list.stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("negatives")
  void malformedQueriesAreRefusedWithInvalidQuery(Path file) throws Exception {
    Map<String, Object> c = Json.parseObject(Files.readAllBytes(file));
    assertThat((String) c.get("desc")).isNotBlank();
    ErrorCode code = ErrorCodes.of(() -> {
      DcqlQuery q = DcqlQuery.parse(c.get("query"));
      if (Boolean.TRUE.equals(c.get("askable"))) {
        VesperDcql.checkAskable(q);
      }
      return q;
    });
    assertThat(code).as((String) c.get("desc")).isEqualTo(ErrorCode.DCQL_INVALID_QUERY);
  }

  static DcqlQuery query(String json) throws Exception {
    return DcqlQuery.parse(Json.parse(json.getBytes(StandardCharsets.UTF_8)));
  }

  static String vesper(String id, String claims) {
    return "{\"id\":\"" + id + "\",\"format\":\"dc+sd-jwt\",\"meta\":{\"vct_values\":[\"" + VCT + "\"]}" + claims + "}";
  }

  @Test
  void pathsSelectNamesIndexesAndEveryElement() throws Exception {
    DcqlQuery q = query("{\"credentials\":[" + vesper("id", ",\"claims\":[{\"path\":[\"name\"]},{\"path\":[\"address\",\"locality\"]},"
        + "{\"path\":[\"tn\",null]}]") + "]}");
    assertThat(q.credentials().get(0).select(TOKEN, ValueMatcher.EXACT).orElseThrow())
        .containsExactly(ClaimPath.of("name"), ClaimPath.of("address", "locality"), ClaimPath.of("tn", 0), ClaimPath.of("tn", 1));
    VesperDcql.checkAskable(query("{\"credentials\":[" + vesper("id", ",\"claims\":[{\"path\":[\"name\"]}]") + "]}"));
  }

  @Test
  void aMissingClaimOrATypeMismatchSelectsNothing() throws Exception {
    DcqlQuery missing = query("{\"credentials\":[" + vesper("id", ",\"claims\":[{\"path\":[\"kyc\",\"level\"]}]") + "]}");
    DcqlQuery mismatch = query("{\"credentials\":[" + vesper("id", ",\"claims\":[{\"path\":[\"name\",0]}]") + "]}");
    assertThat(missing.credentials().get(0).select(TOKEN, ValueMatcher.EXACT)).isEmpty();
    assertThat(mismatch.credentials().get(0).select(TOKEN, ValueMatcher.EXACT)).isEmpty();
  }

  @Test
  void valuesFilterExactlyAndTheVesperMatcherLetsARangeCoverANumber() throws Exception {
    DcqlQuery q = query("{\"credentials\":[" + vesper("id", ",\"claims\":[{\"path\":[\"tn\",null],\"values\":[\"12025550250\"]}]") + "]}");
    assertThat(q.credentials().get(0).select(TOKEN, ValueMatcher.EXACT)).isEmpty();
    assertThat(q.credentials().get(0).select(TOKEN, VesperDcql.MATCHER).orElseThrow()).containsExactly(ClaimPath.of("tn", 1));
    DcqlQuery single = query("{\"credentials\":[" + vesper("id", ",\"claims\":[{\"path\":[\"tn\",null],\"values\":[\"12025550100\"]}]") + "]}");
    assertThat(single.credentials().get(0).select(TOKEN, ValueMatcher.EXACT).orElseThrow()).containsExactly(ClaimPath.of("tn", 0));
  }

  @Test
  void theFirstSatisfiableClaimSetIsChosen() throws Exception {
    DcqlQuery q = query("{\"credentials\":[" + vesper("id", ",\"claims\":[{\"id\":\"k\",\"path\":[\"kyc\",\"level\"]},"
        + "{\"id\":\"n\",\"path\":[\"name\"]},{\"id\":\"l\",\"path\":[\"address\",\"locality\"]}],\"claim_sets\":[[\"k\",\"n\"],[\"n\",\"l\"],[\"n\"]]") + "]}");
    assertThat(q.credentials().get(0).select(TOKEN, ValueMatcher.EXACT).orElseThrow())
        .containsExactly(ClaimPath.of("name"), ClaimPath.of("address", "locality"));
  }

  @Test
  void credentialSetsPickTheFirstAnswerableOptionAndFailOnARequiredSet() throws Exception {
    DcqlQuery q = query("{\"credentials\":[" + vesper("a", "") + "," + vesper("b", "") + "," + vesper("c", "")
        + "],\"credential_sets\":[{\"options\":[[\"a\"],[\"b\"]]},{\"options\":[[\"c\"]],\"required\":false}]}");
    assertThat(q.toAnswer(Set.of("b", "c")::contains)).contains(Set.of("b", "c"));
    assertThat(q.toAnswer(Set.of("a")::contains)).contains(Set.of("a"));
    assertThat(q.toAnswer(Set.of("c")::contains)).isEmpty();
    DcqlQuery plain = query("{\"credentials\":[" + vesper("a", "") + "," + vesper("b", "") + "]}");
    assertThat(plain.toAnswer(Set.of("a")::contains)).isEmpty();
  }

  @Test
  void theVerifierRefusesAnswersThatMissClaimsQueriesOrMultiplicity() throws Exception {
    DcqlQuery q = query("{\"credentials\":[" + vesper("id", ",\"claims\":[{\"path\":[\"name\"]}]") + "]}");
    q.checkAnswered(Map.of("id", List.of(Map.of("name", "Acme"))), ValueMatcher.EXACT);
    assertThat(ErrorCodes.of(() -> { q.checkAnswered(Map.of("id", List.of(Map.of("vct", VCT))), ValueMatcher.EXACT); return null; }))
        .isEqualTo(ErrorCode.DCQL_NOT_SATISFIED);
    assertThat(ErrorCodes.of(() -> { q.checkAnswered(Map.of(), ValueMatcher.EXACT); return null; })).isEqualTo(ErrorCode.DCQL_NOT_SATISFIED);
    assertThat(ErrorCodes.of(() -> { q.checkAnswered(Map.of("other", List.of(Map.of("name", "A"))), ValueMatcher.EXACT); return null; }))
        .isEqualTo(ErrorCode.DCQL_NOT_SATISFIED);
    assertThat(ErrorCodes.of(() -> {
      q.checkAnswered(Map.of("id", List.of(Map.of("name", "A"), Map.of("name", "B"))), ValueMatcher.EXACT);
      return null;
    })).isEqualTo(ErrorCode.DCQL_NOT_SATISFIED);
  }

  @Test
  void theJsonFormParsesBackToTheSameQuery() throws Exception {
    DcqlQuery q = query("{\"credentials\":[" + vesper("id", ",\"multiple\":true,\"claims\":[{\"id\":\"n\",\"path\":[\"name\"]},"
        + "{\"id\":\"t\",\"path\":[\"tn\",null],\"values\":[\"12025550100\"]}],\"claim_sets\":[[\"n\",\"t\"]]") + "],"
        + "\"credential_sets\":[{\"options\":[[\"id\"]],\"required\":false}]}");
    assertThat(DcqlQuery.parse(Json.parse(Json.write(q.toJson()).getBytes(StandardCharsets.UTF_8)))).isEqualTo(q);
  }
}
