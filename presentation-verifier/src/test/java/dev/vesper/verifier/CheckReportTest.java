package dev.vesper.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vesper.core.error.Check;
import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.Stage;
import dev.vesper.core.json.Json;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link PresentationVerifier#check}: the same verdict as {@code verify}, never an exception, and a
 * check list in which everything before the failure passed and nothing after it ran.
 */
class CheckReportTest {
  static Stream<Path> cases() throws Exception {
    return NegativeCasesTest.cases();
  }

  @Test
  void aValidPresentationPassesEveryCheck() throws Exception {
    Verification v = PresentationVerifier.create().check(Forge.build(Map.of()), Forge.policy(Map.of()));
    assertThat(v.verified()).isPresent();
    assertThat(v.failure()).isEmpty();
    assertThat(v.checks()).hasSize(Check.values().length).allSatisfy(c -> assertThat(c.toJson().get("outcome"))
        .isEqualTo(Set.of("issuance_receipt", "status", "delegation").contains(c.toJson().get("check")) ? "not_required" : "passed"));
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
    List<Object> outcomes = v.checks().stream().map(c -> c.toJson().get("outcome")).toList();
    int failedAt = outcomes.indexOf("failed");
    assertThat(failedAt).isNotNegative();
    assertThat(outcomes.subList(0, failedAt)).allMatch(o -> o.equals("passed") || o.equals("not_required"));
    assertThat(outcomes.subList(failedAt + 1, outcomes.size())).allMatch("not_run"::equals);
    assertThat(v.checks().get(failedAt).toJson()).containsEntry("error", expected.id());
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

  @Test
  void aGenericProfileReportsTheProfileCheckNotRequired() throws Exception {
    Map<String, Object> recipe = Map.of("profile", "generic");
    Verification v = PresentationVerifier.create().check(Forge.build(recipe), Forge.policy(recipe));
    assertThat(v.verified()).isPresent();
    assertThat(v.outcome(Check.PROFILE)).isEqualTo(Verification.Outcome.NOT_REQUIRED);
    assertThat(v.checks()).contains(new Verification.CheckReport(Check.PROFILE, Verification.Outcome.NOT_REQUIRED, null));
    assertThat(v.outcome(Check.KEY_BINDING)).isEqualTo(Verification.Outcome.PASSED);
  }

  @Test
  void aPolicyWithoutKeyBindingReportsTheKeyBindingCheckNotRequired() throws Exception {
    Map<String, Object> recipe = Map.of("kb", false, "noKb", true);
    Verification v = PresentationVerifier.create().check(Forge.build(recipe), Forge.policy(recipe));
    assertThat(v.verified()).isPresent();
    assertThat(v.outcome(Check.KEY_BINDING)).isEqualTo(Verification.Outcome.NOT_REQUIRED);
    assertThat(v.checks()).contains(new Verification.CheckReport(Check.KEY_BINDING, Verification.Outcome.NOT_REQUIRED, null));
    assertThat(v.outcome(Check.KEY_BINDING_REQUIRED)).isEqualTo(Verification.Outcome.PASSED);
    assertThat(v.outcome(Check.PROFILE)).isEqualTo(Verification.Outcome.PASSED);
  }

  @Test
  void theChecksRunInStageOrderButForTheKeyBindingDecisionAndTheReceipt() {
    Stage previous = null;
    for (Check check : Check.values()) {
      if (check == Check.KEY_BINDING_REQUIRED || check == Check.ISSUANCE_RECEIPT) {
        continue;
      }
      if (previous != null) {
        assertThat(check.stage()).as(check.id()).isGreaterThan(previous);
      }
      previous = check.stage();
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void theOpenApiDocumentListsTheChecksInTheirOrder() throws Exception {
    Map<String, Object> doc;
    try (InputStream in = CheckReportTest.class.getResourceAsStream("/verifier-openapi.json")) {
      doc = Json.parseObject(in.readAllBytes());
    }
    Object documented = ((Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>)
        ((Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) doc.get("components")).get("schemas")).get("Verdict"))
            .get("properties")).get("checks")).get("items")).get("properties")).get("check")).get("enum");
    assertThat(documented).isEqualTo(Arrays.stream(Check.values()).map(Check::id).toList());
  }

  @Test
  void aFailureIsReportedAtTheCheckThatRaisedIt() throws Exception {
    Map<String, Object> recipe = Map.of("kbHeader", Map.of("crit", List.of("exp")));
    Verification v = PresentationVerifier.create().check(Forge.build(recipe), Forge.policy(recipe));
    assertThat(v.outcome(Check.KEY_BINDING)).isEqualTo(Verification.Outcome.FAILED);
    assertThat(v.failure()).get().extracting(e -> e.code()).isEqualTo(ErrorCode.KB_HEADER_UNSUPPORTED);
    assertThat(v.outcome(Check.STATUS)).isEqualTo(Verification.Outcome.NOT_RUN);
  }

  private static String failedCheck(String name) throws Exception {
    Path file = cases().filter(p -> p.getFileName().toString().equals(name)).findFirst().orElseThrow();
    Map<String, Object> recipe = Forge.recipe(file);
    Verification v = PresentationVerifier.withoutSignatureCache().check(Forge.build(recipe), Forge.policy(recipe));
    return v.checks().stream().filter(c -> c.outcome() == Verification.Outcome.FAILED).map(c -> c.check().id()).findFirst().orElseThrow();
  }
}
