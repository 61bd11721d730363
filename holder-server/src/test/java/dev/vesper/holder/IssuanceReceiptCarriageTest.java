package dev.vesper.holder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vesper.core.crypto.PublicJwk;
import dev.vesper.core.crypto.Sha256;
import dev.vesper.core.crypto.TrustedKeys;
import dev.vesper.core.json.Json;
import dev.vesper.core.log.Checkpoint;
import dev.vesper.core.log.LogHasher;
import dev.vesper.core.log.MerkleTree;
import dev.vesper.core.log.NoteSigner;
import dev.vesper.core.log.Receipt;
import dev.vesper.core.log.entry.Hash32;
import dev.vesper.core.log.entry.IssuanceReceipts;
import dev.vesper.core.log.entry.LogEntry;
import dev.vesper.core.log.entry.NumberLabel;
import dev.vesper.core.log.entry.Submission;
import dev.vesper.core.log.entry.TokenIssued;
import dev.vesper.core.testing.Fixtures;
import dev.vesper.core.token.CallBinding;
import dev.vesper.core.token.IdentityAttributes;
import dev.vesper.core.phone.TelephoneNumber;
import dev.vesper.server.testing.Api;
import dev.vesper.verifier.PresentationVerifier;
import dev.vesper.verifier.VerificationPolicy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A token imported with its issuance receipt: the holder checks the receipt names the token, keeps it, and
 * returns it with each call presentation, so a verifier that requires logged issuance accepts the call.
 */
class IssuanceReceiptCarriageTest {
  private static final String ORIGIN = "registry.vesper.test/log";
  private static final NoteSigner LOG = NoteSigner.fromSeed(ORIGIN, new byte[32]);

  @TempDir Path dir;

  @Test
  void theReceiptTravelsWithTheTokenToTheVerifier() throws Exception {
    try (HolderHarness h = new HolderHarness("sqlite", dir)) {
      Api carrier = h.tenant("Carrier");
      PublicJwk key = HolderHarness.newKey(carrier);
      String token = h.issuer.issue(IdentityAttributes.fromInput(Json.parseObject(JourneysTest.CONSUMER)), key, Duration.ofDays(30));
      String other = h.issuer.issue(IdentityAttributes.fromInput(Json.parseObject(JourneysTest.CONSUMER)), key, Duration.ofDays(30));

      Api.Reply wrong = carrier.post("/v1/tokens", Map.of("token", token, "receipt", receiptFor(other)));
      assertThat(wrong.status()).isEqualTo(422);
      assertThat(wrong.error()).isEqualTo("log.receipt_mismatch");
      assertThat(carrier.post("/v1/tokens", Map.of("token", token, "receipt", "garbage")).error()).isEqualTo("log.bad_note");

      String receipt = receiptFor(token);
      Api.Reply imported = carrier.post("/v1/tokens", Map.of("token", token, "receipt", receipt));
      assertThat(imported.status()).as(imported.raw().body()).isEqualTo(201);
      assertThat(carrier.get("/v1/tokens/" + imported.string("id")).string("issuance_receipt")).isEqualTo(receipt);

      long iat = Instant.now().getEpochSecond();
      Api.Reply r = carrier.post("/v1/presentations/call", Map.of("orig", "+12025550111", "dest", List.of("+13035550199"), "iat", iat));
      assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
      assertThat(r.string("issuance_receipt")).isEqualTo(receipt);
      CallBinding call = new CallBinding(TelephoneNumber.parse("12025550111"), List.of(TelephoneNumber.parse("13035550199")), iat, null);
      VerificationPolicy policy = VerificationPolicy.builder(TrustedKeys.of(Fixtures.issuerKey().publicJwk()))
          .expectAudience(call.audience()).expectNonce(call.nonce())
          .requireIssuanceReceipt(IssuanceReceipts.trusting(ORIGIN, List.of(LOG.verifierKey()))).build();
      assertThat(PresentationVerifier.create().verify(r.string("presentation"), r.string("issuance_receipt"), policy).claims())
          .containsEntry("name", "Jane Roe");
    }
  }

  /** A one-entry log holding the issuance of {@code token}, signed by the issuer, and its receipt. */
  private static String receiptFor(String token) {
    String jwt = token.substring(0, token.indexOf('~'));
    TokenIssued issued = new TokenIssued("https://issuer.example", "test-key-1",
        Hash32.of(Sha256.digest(jwt.getBytes(StandardCharsets.US_ASCII))), 0, 1, List.of(NumberLabel.pseudonym(Hash32.of(new byte[32]))));
    byte[] leaf = new LogEntry(7, Submission.sign(issued, 7, Fixtures.issuerKey())).encode();
    MerkleTree tree = new MerkleTree();
    tree.append(LogHasher.leafHash(leaf));
    String note = LOG.sign(new Checkpoint(ORIGIN, 1, tree.root(1)).text());
    return Receipt.of(leaf, 0, tree.inclusionProof(0, 1), note).text();
  }
}
