package dev.vesper.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vesper.core.crypto.Sha256;
import dev.vesper.core.crypto.SigningKey;
import dev.vesper.core.crypto.TrustedKeys;
import dev.vesper.core.error.Check;
import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.log.Checkpoint;
import dev.vesper.core.log.LogHasher;
import dev.vesper.core.log.MerkleTree;
import dev.vesper.core.log.NoteSigner;
import dev.vesper.core.log.Receipt;
import dev.vesper.core.log.entry.EntryBody;
import dev.vesper.core.log.entry.Hash32;
import dev.vesper.core.log.entry.IssuanceReceipts;
import dev.vesper.core.log.entry.LogEntry;
import dev.vesper.core.log.entry.NumberLabeler;
import dev.vesper.core.log.entry.Reason;
import dev.vesper.core.log.entry.Submission;
import dev.vesper.core.log.entry.TokenIssued;
import dev.vesper.core.log.entry.TokenStatus;
import dev.vesper.core.log.entry.TokenStatusChanged;
import dev.vesper.core.phone.NumberEntry;
import dev.vesper.core.phone.TelephoneNumber;
import dev.vesper.core.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The policy option that requires a logged issuance: one valid receipt and each way a receipt can be wrong. */
class IssuanceReceiptPolicyTest {
  private static final String ORIGIN = "registry.vesper.example/log";
  private static final NoteSigner LOG = NoteSigner.fromSeed(ORIGIN, filled(32, 5));
  private static final long T = Fixtures.NOW.toEpochMilli();

  private final String presentation;
  private final String issuerJwt;

  IssuanceReceiptPolicyTest() throws Exception {
    presentation = Forge.build(Map.of());
    issuerJwt = presentation.substring(0, presentation.indexOf('~'));
  }

  @Test
  void aReceiptOfThisTokensIssuanceIsAccepted() throws Exception {
    String receipt = receiptFor(issued(sha256(issuerJwt), "test-key-1"), Fixtures.issuerKey(), LOG);
    VerifiedPresentation verified = PresentationVerifier.create().verify(presentation, receipt, policy());
    assertThat(verified.claims()).containsEntry("name", "Acme Widgets Inc.");
    Verification report = PresentationVerifier.create().check(presentation, receipt, policy());
    assertThat(report.checks()).contains(new Verification.CheckReport(Check.ISSUANCE_RECEIPT, Verification.Outcome.PASSED, null));
  }

  @Test
  void withoutTheOptionNoReceiptIsNeededOrChecked() throws Exception {
    VerificationPolicy plain = Forge.policy(Map.of());
    assertThat(PresentationVerifier.create().verify(presentation, "not a receipt", plain).claims()).containsKey("name");
    assertThat(PresentationVerifier.create().check(presentation, plain).checks())
        .contains(new Verification.CheckReport(Check.ISSUANCE_RECEIPT, Verification.Outcome.NOT_REQUIRED, null));
  }

  @Test
  void aMissingReceiptIsRefused() throws Exception {
    assertThat(code(presentation, null)).isEqualTo(ErrorCode.LOG_RECEIPT_MISSING);
    assertThat(PresentationVerifier.create().check(presentation, policy()).failure().orElseThrow().code())
        .isEqualTo(ErrorCode.LOG_RECEIPT_MISSING);
  }

  @Test
  void aReceiptOfAnotherTokenTypeOrKeyIsAMismatch() throws Exception {
    assertThat(code(presentation, receiptFor(issued(Hash32.of(new byte[32]), "test-key-1"), Fixtures.issuerKey(), LOG)))
        .isEqualTo(ErrorCode.LOG_RECEIPT_MISMATCH);
    assertThat(code(presentation, receiptFor(issued(sha256(issuerJwt), "another-key"), Fixtures.issuerKey(), LOG)))
        .isEqualTo(ErrorCode.LOG_RECEIPT_MISMATCH);
    EntryBody revoked = new TokenStatusChanged(sha256(issuerJwt), TokenStatus.REVOKED, Reason.FRAUD);
    assertThat(code(presentation, receiptFor(revoked, Fixtures.issuerKey(), LOG))).isEqualTo(ErrorCode.LOG_RECEIPT_MISMATCH);
  }

  @Test
  void anEntryNotSignedByTheTokensIssuerIsRefused() throws Exception {
    String byAttacker = receiptFor(issued(sha256(issuerJwt), "test-key-1"), Fixtures.attackerKey(), LOG);
    assertThat(code(presentation, byAttacker)).isEqualTo(ErrorCode.LOG_BAD_SIGNATURE);
  }

  @Test
  void aCheckpointFromAnUnpinnedLogIsRefused() throws Exception {
    NoteSigner rogue = NoteSigner.fromSeed(ORIGIN, filled(32, 6));
    String receipt = receiptFor(issued(sha256(issuerJwt), "test-key-1"), Fixtures.issuerKey(), rogue);
    assertThat(code(presentation, receipt)).isEqualTo(ErrorCode.LOG_BAD_SIGNATURE);
  }

  @Test
  void aLoggedLeafThatIsNotAnEntryIsRefused() throws Exception {
    String receipt = receipt("not an entry".getBytes(StandardCharsets.UTF_8), LOG);
    assertThat(code(presentation, receipt)).isEqualTo(ErrorCode.LOG_BAD_ENTRY);
  }

  @Test
  void aTamperedReceiptIsRefused() throws Exception {
    String good = receiptFor(issued(sha256(issuerJwt), "test-key-1"), Fixtures.issuerKey(), LOG);
    String[] lines = good.split("\n", -1);
    lines[3] = Base64.getEncoder().encodeToString(new byte[32]);
    assertThat(code(presentation, String.join("\n", lines))).isEqualTo(ErrorCode.LOG_ROOT_MISMATCH);
    assertThat(code(presentation, "garbage")).isEqualTo(ErrorCode.LOG_BAD_NOTE);
  }

  private static VerificationPolicy policy() throws Exception {
    VerificationPolicy.Builder b =
        VerificationPolicy.builder(TrustedKeys.of(Fixtures.issuerKey().publicJwk()))
            .clock(Fixtures.clock()).expectAudience(Forge.AUD).expectNonce(Forge.NONCE);
    return b.requireIssuanceReceipt(IssuanceReceipts.trusting(ORIGIN, List.of(LOG.verifierKey()))).build();
  }

  private static ErrorCode code(String presentation, String receipt) throws Exception {
    try {
      PresentationVerifier.withoutSignatureCache().verify(presentation, receipt, policy());
      throw new AssertionError("accepted");
    } catch (VesperException e) {
      return e.code();
    }
  }

  private static TokenIssued issued(Hash32 tokenHash, String kid) {
    NumberEntry number = NumberEntry.of(new TelephoneNumber("12025550100"));
    return new TokenIssued("https://issuer.example", kid, tokenHash, T - 60_000, T + 86_400_000,
        List.of(NumberLabeler.withKey(filled(32, 9)).labelFor(number, false)));
  }

  private static String receiptFor(EntryBody body, SigningKey submitter, NoteSigner log) {
    return receipt(new LogEntry(T, Submission.sign(body, T, submitter)).encode(), log);
  }

  /** A log of 6 other leaves with {@code leaf} at index 4, a signed checkpoint and the receipt for it. */
  private static String receipt(byte[] leaf, NoteSigner log) {
    MerkleTree tree = new MerkleTree();
    for (int i = 0; i < 7; i++) {
      tree.append(i == 4 ? LogHasher.leafHash(leaf) : LogHasher.leafHash(("other " + i).getBytes(StandardCharsets.UTF_8)));
    }
    String note = log.sign(new Checkpoint(ORIGIN, 7, tree.root(7)).text());
    return Receipt.of(leaf, 4, tree.inclusionProof(4, 7), note).text();
  }

  private static Hash32 sha256(String ascii) {
    return Hash32.of(Sha256.digest(ascii.getBytes(StandardCharsets.US_ASCII)));
  }

  private static byte[] filled(int n, int v) {
    byte[] b = new byte[n];
    Arrays.fill(b, (byte) v);
    return b;
  }
}
