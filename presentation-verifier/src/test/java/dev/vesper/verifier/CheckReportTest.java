package dev.vesper.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vesper.core.error.ErrorCode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * {@link PresentationVerifier#check}: the same verdict as {@code verify}, never an exception, and a
 * check list in which everything before the failure passed and nothing after it ran.
 */
class CheckReportTest {
  static java.util.stream.Stream<Path> cases() throws Exception {
    return NegativeCasesTest.cases();
  }

  @Test
  void aValidPresentationPassesEveryCheck() throws Exception {
    Verification v = PresentationVerifier.create().check(Forge.build(Map.of()), Forge.policy(Map.of()));
    assertThat(v.verified()).isPresent();
    assertThat(v.failure()).isEmpty();
    assertThat(v.checks()).hasSize(PresentationVerifier.CHECKS.size()).allSatisfy(c -> assertThat(c.get("outcome"))
        .isEqualTo(java.util.Set.of("issuance_receipt", "status", "delegation").contains(c.get("check")) ? "not_required" : "passed"));
    Map<String, Object> json = v.toJson();
    assertThat(json).containsEntry("valid", true).doesNotContainKeys("error", "message");
    assertThat(v.verified().get().claims()).containsEntry("name", "Acme Widgets Inc.");
    assertThat(json.get("claims")).isEqualTo(v.verified().get().claims());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void aRefusedPresentationReportsWhereItStopped(Path file) throws Exception {
    Map<String, Object> recipe = Forge.recipe(file);
    ErrorCode expected = ErrorCode.fromId((String) recipe.get("expect"));
    Verification v = PresentationVerifier.withoutSignatureCache().check(Forge.build(recipe), Forge.policy(recipe));

    assertThat(v.verified()).isEmpty();
    assertThat(v.failure()).get().extracting(e -> e.code()).isEqualTo(expected);
    List<Object> outcomes = v.checks().stream().map(c -> c.get("outcome")).toList();
    int failedAt = outcomes.indexOf("failed");
    assertThat(failedAt).isNotNegative();
    assertThat(outcomes.subList(0, failedAt)).allMatch(o -> o.equals("passed") || o.equals("not_required"));
    assertThat(outcomes.subList(failedAt + 1, outcomes.size())).allMatch("not_run"::equals);
    assertThat(v.checks().get(failedAt)).containsEntry("error", expected.id());
    assertThat(v.toJson()).containsEntry("valid", false).containsEntry("error", expected.id()).doesNotContainKey("claims");
  }

  @Test
  void theFailedCheckIsTheOneThatRefused() throws Exception {
    assertThat(failedCheck("issuer-signed-by-attacker.json")).isEqualTo("issuer_signature");
    assertThat(failedCheck("expired.json")).isEqualTo("validity");
    assertThat(failedCheck("kb-aud-mismatch.json")).isEqualTo("key_binding");
    assertThat(failedCheck("disclosure-unreferenced.json")).isEqualTo("disclosures");
    assertThat(failedCheck("status-revoked.json")).isEqualTo("status");
  }

  private static String failedCheck(String name) throws Exception {
    Path file = cases().filter(p -> p.getFileName().toString().equals(name)).findFirst().orElseThrow();
    Map<String, Object> recipe = Forge.recipe(file);
    Verification v = PresentationVerifier.withoutSignatureCache().check(Forge.build(recipe), Forge.policy(recipe));
    return v.checks().stream().filter(c -> "failed".equals(c.get("outcome"))).map(c -> (String) c.get("check")).findFirst().orElseThrow();
  }
}
