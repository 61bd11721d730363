package dev.vesper.verifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.Stage;
import dev.vesper.core.error.VesperException;
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
 * One JSON file per negative case (src/test/resources/negative): each builds a presentation that
 * deviates from a valid one in exactly one way and names the {@link ErrorCode} it must produce.
 */
class NegativeCasesTest {
  static Stream<Path> cases() throws IOException, URISyntaxException {
    Path dir = Path.of(NegativeCasesTest.class.getResource("/negative").toURI());
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> list = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
      assertThat(list).as("negative case files").hasSizeGreaterThanOrEqualTo(40);
      return list.stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void refusedWithItsErrorCode(Path file) throws Exception {
    Map<String, Object> recipe = Forge.recipe(file);
    ErrorCode expected = ErrorCode.fromId((String) recipe.get("expect"));
    assertThat((String) recipe.get("desc")).isNotBlank();
    String presentation = Forge.build(recipe);
    VerificationPolicy policy = Forge.policy(recipe);
    try {
      PresentationVerifier.withoutSignatureCache().verify(presentation, policy);
      fail("accepted: " + recipe.get("desc"));
    } catch (VesperException e) {
      assertThat(e.code()).as(recipe.get("desc") + " -> " + e.getMessage()).isEqualTo(expected);
      assertThat(e.getMessage()).doesNotContain("Exception").doesNotContain("\tat ");
    }
  }

  /** The recipe defaults build a valid presentation, so each negative case isolates one deviation. */
  @Test
  void theBaselineRecipeIsValid() throws Exception {
    Map<String, Object> empty = Map.of();
    VerifiedPresentation verified =
        PresentationVerifier.create().verify(Forge.build(empty), Forge.policy(empty));
    assertThat(verified.claims()).containsEntry("name", "Acme Widgets Inc.").containsEntry("tn", List.of("12025550100"));
    assertThat(verified.claims()).doesNotContainKeys("address", "kyc", "entity_type", "_sd", "_sd_alg");
    assertThat(verified.disclosedPaths()).containsExactlyInAnyOrder("name", "tn", "tn.0");
  }

  @Test
  void everyErrorCodeOfTheVerifierStagesHasANegativeCase() throws Exception {
    Set<ErrorCode> covered = EnumSet.noneOf(ErrorCode.class);
    for (Path p : cases().toList()) {
      covered.add(ErrorCode.fromId((String) Forge.recipe(p).get("expect")));
    }
    Set<Stage> verifierStages = EnumSet.of(
        Stage.ISSUER_SIGNATURE, Stage.DISCLOSURE, Stage.VALIDITY, Stage.KEY_BINDING, Stage.PROFILE, Stage.POLICY, Stage.STATUS);
    for (ErrorCode code : ErrorCode.values()) {
      if (verifierStages.contains(code.stage())) {
        assertThat(covered).as("negative case for " + code.id()).contains(code);
      }
    }
  }
}
