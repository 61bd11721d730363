package dev.vesper.holder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.vesper.server.testing.Api;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 §2: a tenant's audience pattern cannot make presentations slow. The worst pattern a policy
 * may hold against the longest {@code aud} answers at once (the old regular expression backtracked for
 * minutes); more wildcards, or a longer {@code aud} or {@code nonce}, are refused before any matching.
 * The timeout below is a generous bound on a hang, not a speed measurement (the linear bound itself is
 * counted in AudiencePatternTest).
 */
class AudiencePatternAttackTest {
  @TempDir Path dir;
  HolderHarness h;
  Api a;
  String token;

  @BeforeEach
  void setUp() throws Exception {
    h = new HolderHarness("sqlite", dir);
    a = h.tenant("A");
    token = h.importToken(a, HolderHarness.newKey(a), JourneysTest.ENTERPRISE);
  }

  @AfterEach
  void tearDown() {
    h.close();
  }

  @Test
  void theWorstPatternAgainstTheLongestAudienceAnswersAtOnce() {
    String worst = worstPattern(8, 512);
    Api.Reply set = a.put("/v1/tokens/" + token + "/policy",
        Map.of("default", List.of("name"), "audiences", List.of(Map.of("match", worst, "claims", List.of("name", "address")))));
    assertThat(set.status()).as(set.raw().body()).isEqualTo(200);
    Api.Reply r = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> a.post("/v1/tokens/" + token + "/presentations",
        Map.of("disclose", List.of("name"), "aud", "a".repeat(1024), "nonce", "n".repeat(1024))));
    assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
  }

  @Test
  void tooManyWildcardsOrTooLongAPatternAreRefused() {
    for (String match : List.of(worstPattern(9, 100), "*" + "a".repeat(512))) {
      Api.Reply r = a.put("/v1/tokens/" + token + "/policy",
          Map.of("audiences", List.of(Map.of("match", match, "claims", List.of("name")))));
      assertThat(r.error()).as(match).isEqualTo("request.bad_body");
    }
  }

  @Test
  void anOverlongAudOrNonceIsRefusedBeforeMatching() {
    for (Map<String, Object> body : List.of(
        Map.<String, Object>of("disclose", List.of("name"), "aud", "a".repeat(1025), "nonce", "n"),
        Map.<String, Object>of("disclose", List.of("name"), "aud", "a", "nonce", "n".repeat(1025)),
        Map.<String, Object>of("disclose", List.of("name"), "aud", "", "nonce", "n"))) {
      Api.Reply r = a.post("/v1/tokens/" + token + "/presentations", body);
      assertThat(r.status()).as(r.raw().body()).isEqualTo(400);
      assertThat(r.error()).isEqualTo("request.bad_body");
    }
  }

  /** {@code *a…a*a…a*…b}: {@code wildcards} stars, {@code length} characters, never matching an all-{@code a} audience. */
  static String worstPattern(int wildcards, int length) {
    StringBuilder p = new StringBuilder();
    int literal = (length - wildcards - 1) / wildcards;
    for (int i = 0; i < wildcards; i++) {
      p.append('*').append("a".repeat(literal));
    }
    return p.append("a".repeat(length - p.length() - 1)).append('b').toString();
  }
}
