package dev.vesper.holder.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vesper.core.sdjwt.KeyBindingRequest;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** Audience patterns match like the glob they are, in linear time (issue 11 §2). */
class AudiencePatternTest {
  @Property(tries = 3000)
  void agreesWithTheGlobAsARegularExpression(@ForAll("patterns") String pattern, @ForAll("audiences") String audience) {
    assertThat(AudiencePattern.compile(pattern).matches(audience)).as(pattern + " vs " + audience).isEqualTo(regex(pattern).matcher(audience).matches());
  }

  @Test
  void matchesTheUsualShapes() {
    AudiencePattern carrier = AudiencePattern.compile("sip:*@*.carrier.example");
    assertThat(carrier.matches("sip:alice@edge1.carrier.example")).isTrue();
    assertThat(carrier.matches("sip:alice@carrier.example")).isFalse();
    assertThat(AudiencePattern.compile("*").matches("")).isTrue();
    assertThat(AudiencePattern.compile("tel:+1202*").matches("tel:+12025550100")).isTrue();
    assertThat(AudiencePattern.compile("a*a").matches("a")).as("prefix and suffix may not overlap").isFalse();
    assertThat(AudiencePattern.compile("*ab*ab*").matches("xabab")).isTrue();
    assertThat(AudiencePattern.compile("*aab*").matches("aaab")).as("KMP falls back correctly").isTrue();
  }

  /** The worst pattern the policy allows (512 characters, 8 wildcards) against the longest aud. */
  @Test
  void theWorstPatternCostsLinearComparisonsAgainstTheLongestAudience() {
    String pattern = worstPattern();
    assertThat(pattern).hasSize(AudiencePattern.MAX_LENGTH);
    assertThat(AudiencePattern.wildcards(pattern)).isEqualTo(AudiencePattern.MAX_WILDCARDS);
    String aud = "a".repeat(KeyBindingRequest.MAX_LENGTH);
    AudiencePattern p = AudiencePattern.compile(pattern);
    assertThat(p.matches(aud)).isFalse();
    // KMP: at most two comparisons per audience character, plus the prefix and suffix.
    assertThat(p.comparisons(aud)).isLessThanOrEqualTo(2L * aud.length() + pattern.length());
    String almost = "a".repeat(KeyBindingRequest.MAX_LENGTH - 1) + "b";
    assertThat(p.matches(almost)).isTrue();
    assertThat(p.comparisons(almost)).isLessThanOrEqualTo(2L * almost.length() + pattern.length());
  }

  /** {@code *a…a*a…a*…*a…ab}: what made the old regular expression backtrack for minutes. */
  static String worstPattern() {
    StringBuilder p = new StringBuilder();
    int literal = (AudiencePattern.MAX_LENGTH - AudiencePattern.MAX_WILDCARDS - 1) / AudiencePattern.MAX_WILDCARDS;
    for (int i = 0; i < AudiencePattern.MAX_WILDCARDS; i++) {
      p.append('*').append("a".repeat(literal));
    }
    p.append("a".repeat(AudiencePattern.MAX_LENGTH - p.length() - 1)).append('b');
    return p.toString();
  }

  @Provide
  Arbitrary<String> patterns() {
    return Arbitraries.strings().withChars('a', 'b', '*').ofMinLength(1).ofMaxLength(10).filter(s -> s.contains("*"));
  }

  @Provide
  Arbitrary<String> audiences() {
    return Arbitraries.strings().withChars('a', 'b').ofMaxLength(14);
  }

  private static Pattern regex(String glob) {
    StringBuilder r = new StringBuilder();
    for (String part : glob.split("\\*", -1)) {
      if (r.length() > 0) {
        r.append(".*");
      }
      r.append(Pattern.quote(part));
    }
    return Pattern.compile(r.toString(), Pattern.DOTALL);
  }
}
