package dev.vesper.core.log.entry;

import dev.vesper.core.phone.NumberEntry;
import dev.vesper.core.phone.NumberRange;
import dev.vesper.core.phone.TelephoneNumber;
import dev.vesper.core.testing.Fixtures;
import java.util.Arrays;
import java.util.List;

/** One signed example of every entry type, for the codec tests. */
final class Entries {
  static final long T = Fixtures.NOW.toEpochMilli();
  static final NumberLabeler LABELER = NumberLabeler.withKey(filled(32, 7));

  private Entries() {}

  static List<EntryBody> bodies() throws Exception {
    NumberEntry main = NumberEntry.of(new TelephoneNumber("12025550100"));
    NumberEntry block = NumberEntry.of(NumberRange.of("12025550200", 100));
    Hash32 token = Hash32.of(filled(32, 0xAB));
    return List.of(
        new IssuerKeyEvent(EntryType.ISSUER_KEY_REGISTERED, "https://issuer.example", Fixtures.issuerKey().publicJwk().withKid("k1"), 0, Reason.UNSPECIFIED),
        new IssuerKeyEvent(EntryType.ISSUER_KEY_ROTATED, "https://issuer.example", Fixtures.holderKey().publicJwk().withKid("k2"), T + 1000, Reason.SUPERSEDED),
        new IssuerKeyEvent(EntryType.ISSUER_KEY_REVOKED, "https://issuer.example", Fixtures.issuerKey().publicJwk().withKid("k1"), 0, Reason.KEY_COMPROMISE),
        new TokenIssued("https://issuer.example", "k1", token, T, T + 86_400_000,
            List.of(LABELER.labelFor(main, false), LABELER.labelFor(block, true), LABELER.labelFor(main, true),
                LABELER.labelFor(main, false, token), LABELER.labelFor(block, false, token))),
        new TokenStatusChanged(token, TokenStatus.SUSPENDED, Reason.FRAUD),
        new NumberRightToUse(EntryType.NUMBER_RTU_ASSERTED, LABELER.labelFor(main, false),
            NumberRightToUse.commitment(filled(32, 3), Fixtures.holderKey().publicJwk().thumbprint()), "OCN-1234", 0, Reason.UNSPECIFIED),
        new NumberRightToUse(EntryType.NUMBER_RTU_RELEASED, LABELER.labelFor(block, true),
            Submission.keyIdOf(Fixtures.holderKey().publicJwk()), "SPC-5678", T, Reason.PORT_OUT));
  }

  static LogEntry signed(EntryBody body) {
    return new LogEntry(T + 5, Submission.sign(body, T, Fixtures.issuerKey()));
  }

  static byte[] filled(int n, int value) {
    byte[] b = new byte[n];
    Arrays.fill(b, (byte) value);
    return b;
  }
}
