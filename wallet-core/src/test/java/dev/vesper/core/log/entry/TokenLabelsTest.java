package dev.vesper.core.log.entry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vesper.core.phone.NumberEntry;
import dev.vesper.core.phone.NumberRange;
import dev.vesper.core.phone.TelephoneNumber;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Per-token labels (docs/transparency.md §3.1): distinct per token, recognised only with the number's key. */
class TokenLabelsTest {
  private static final NumberLabeler ISSUER = NumberLabeler.withKey(Entries.filled(32, 7));
  private static final NumberEntry MAIN = NumberEntry.of(new TelephoneNumber("12025550100"));
  private static final NumberEntry OTHER = NumberEntry.of(new TelephoneNumber("12025550101"));

  @Test
  void theSameNumberGetsAnotherLabelInEveryToken() {
    Hash32 a = Hash32.of(Entries.filled(32, 1));
    Hash32 b = Hash32.of(Entries.filled(32, 2));
    assertThat(ISSUER.tokenLabel(MAIN, a)).isNotEqualTo(ISSUER.tokenLabel(MAIN, b));
    assertThat(ISSUER.tokenLabel(MAIN, a).pseudonym()).isNotEqualTo(ISSUER.labelFor(MAIN, false).pseudonym());
    assertThat(ISSUER.tokenLabel(MAIN, a).isPerToken()).isTrue();
  }

  @Test
  void onlyTheNumbersKeyRecognisesItsLabels() throws Exception {
    Hash32 token = Hash32.of(Entries.filled(32, 9));
    TokenIssued entry = new TokenIssued("https://issuer.example", "k1", token, 0, 1,
        List.of(ISSUER.tokenLabel(MAIN, token), ISSUER.labelFor(NumberEntry.of(NumberRange.of("12025550200", 100)), true)));
    assertThat(TokenLabels.names(entry, ISSUER.numberKey(MAIN))).isTrue();
    assertThat(TokenLabels.names(entry, ISSUER.numberKey(OTHER))).isFalse();
    assertThat(TokenLabels.names(entry, NumberLabeler.withKey(Entries.filled(32, 8)).numberKey(MAIN))).as("another issuer's key").isFalse();
    // A label copied into another token's entry does not name the number there: the label is bound to its token.
    TokenIssued copied = new TokenIssued("https://issuer.example", "k1", Hash32.of(Entries.filled(32, 10)), 0, 1, entry.numbers());
    assertThat(TokenLabels.names(copied, ISSUER.numberKey(MAIN))).isFalse();
  }

  @Test
  void aLabelSurvivesTheWireAsItsOwnKind() throws Exception {
    Hash32 token = Hash32.of(Entries.filled(32, 9));
    TokenIssued entry = new TokenIssued("https://issuer.example", "k1", token, 0, 1, List.of(ISSUER.tokenLabel(MAIN, token)));
    LogEntry decoded = LogEntry.decode(Entries.signed(entry).encode());
    TokenIssued back = (TokenIssued) decoded.submission().body();
    assertThat(back.numbers().get(0).isPerToken()).isTrue();
    assertThat(TokenLabels.names(back, ISSUER.numberKey(MAIN))).isTrue();
  }
}
