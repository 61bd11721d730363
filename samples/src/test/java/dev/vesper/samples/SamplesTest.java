package dev.vesper.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every sample runs against a fresh stack and tells its story to the end; each checks itself as it goes. */
class SamplesTest {
  static Stream<Arguments> samples() {
    return Stream.of(
        Arguments.of("ConsumerRevealsOnlyTheName", (Function<PrintStream, Sample>) ConsumerRevealsOnlyTheName::new, "Verified name: Jane Roe (demo)"),
        Arguments.of("EnterpriseTwoAudiences", (Function<PrintStream, Sample>) EnterpriseTwoAudiences::new, "holder.disclosure_refused"),
        Arguments.of("ContactCentreUnderGrant", (Function<PrintStream, Sample>) ContactCentreUnderGrant::new, "holder.no_token_for_number"),
        Arguments.of("VerifierSeesAForgedCall", (Function<PrintStream, Sample>) VerifierSeesAForgedCall::new, "issuer_signature.invalid"),
        Arguments.of("RevokedTokenIsRefused", (Function<PrintStream, Sample>) RevokedTokenIsRefused::new, "refused with status.revoked"),
        Arguments.of("RegistryProofsOffline", (Function<PrintStream, Sample>) RegistryProofsOffline::new, "Consistent:"),
        Arguments.of("IdentityStrippedInTransit", (Function<PrintStream, Sample>) IdentityStrippedInTransit::new,
            "Verified through the CPS: the caller is"),
        Arguments.of("WalletReceivesByOffer", (Function<PrintStream, Sample>) WalletReceivesByOffer::new, "holder.disclosure_refused"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void runsToTheEnd(String name, Function<PrintStream, Sample> sample, String mustSay) throws Exception {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    boolean ok = sample.apply(new PrintStream(buffer, true, StandardCharsets.UTF_8)).runOnFreshStack();
    String output = buffer.toString(StandardCharsets.UTF_8);
    assertThat(ok).as(output).isTrue();
    assertThat(output).contains(mustSay).contains("Done: every step behaved as described.").doesNotContain("Exception");
  }
}
