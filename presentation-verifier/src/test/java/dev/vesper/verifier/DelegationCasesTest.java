package dev.vesper.verifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.Stage;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.testing.Fixtures;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Delegated calls (docs/token-profile.md §6): the baseline verifies and reports the agent beside the
 * client's claims; each file of src/test/resources/delegation-negative changes one thing and names the
 * error it must produce, and every code of the delegation stage has at least one.
 */
class DelegationCasesTest {
  static Stream<Path> cases() throws IOException, URISyntaxException {
    Path dir = Path.of(DelegationCasesTest.class.getResource("/delegation-negative").toURI());
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(".json")).sorted().toList().stream();
    }
  }

  @Test
  void aDelegatedCallVerifiesAndNamesTheAgentBesideTheClient() throws Exception {
    DelegationForge.Call call = DelegationForge.build(Map.of());
    VerifiedPresentation v = PresentationVerifier.create().verify(call.client(), null, call.proof(), DelegationForge.policy());
    assertThat(v.claims()).containsEntry("name", "Acme Widgets Inc.").containsEntry("tn", List.of("12025550100"));
    Delegate d = v.delegate().orElseThrow();
    assertThat(d.name()).isEqualTo("Dial Partners");
    assertThat(d.expiresAt()).isEqualTo(Fixtures.NOW.getEpochSecond() + 3600);
    assertThat(d.toJson()).containsEntry("name", "Dial Partners").containsEntry("expires_at", Fixtures.NOW.getEpochSecond() + 3600)
        .containsEntry("issuer", "https://issuer.example");

    Verification report = PresentationVerifier.create().check(call.client(), null, call.proof(), DelegationForge.policy());
    assertThat(report.toJson()).containsEntry("valid", true).containsKey("delegate");
    assertThat(report.checks().get(report.checks().size() - 1).toJson()).containsEntry("check", "delegation")
        .containsEntry("outcome", "passed");
    // Without the proof the same presentation is simply the client's own call: no delegate.
    assertThat(PresentationVerifier.create().verify(call.client(), DelegationForge.policy()).delegate()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void refusedWithItsErrorCode(Path file) throws Exception {
    Map<String, Object> recipe = Forge.recipe(file);
    ErrorCode expected = ErrorCode.fromId((String) recipe.get("expect"));
    assertThat((String) recipe.get("desc")).isNotBlank();
    DelegationForge.Call call = DelegationForge.build(recipe);
    try {
      PresentationVerifier.withoutSignatureCache().verify(call.client(), null, call.proof(), DelegationForge.policy());
      fail("accepted: " + recipe.get("desc"));
    } catch (VesperException e) {
      assertThat(e.code()).as(recipe.get("desc") + " -> " + e.getMessage()).isEqualTo(expected);
      assertThat(e.getMessage()).doesNotContain("Exception").doesNotContain("\tat ");
    }
    Verification report = PresentationVerifier.withoutSignatureCache().check(call.client(), null, call.proof(), DelegationForge.policy());
    assertThat(report.checks().get(report.checks().size() - 1).toJson()).containsEntry("check", "delegation").containsEntry("outcome", "failed")
        .containsEntry("error", expected.id());
  }

  @Test
  void everyErrorCodeOfTheDelegationStageHasACase() throws Exception {
    Set<ErrorCode> covered = EnumSet.noneOf(ErrorCode.class);
    for (Path p : cases().toList()) {
      covered.add(ErrorCode.fromId((String) Forge.recipe(p).get("expect")));
    }
    for (ErrorCode code : ErrorCode.values()) {
      if (code.stage() == Stage.DELEGATION) {
        assertThat(covered).as("a case for " + code.id()).contains(code);
      }
    }
  }
}
