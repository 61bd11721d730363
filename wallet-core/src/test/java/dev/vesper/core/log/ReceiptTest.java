package dev.vesper.core.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.testing.ErrorCodes;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Offline receipts: a signed checkpoint plus an inclusion proof, checked with the pinned log key only. */
class ReceiptTest {
  static final String ORIGIN = "registry.vesper.example/log";

  @Test
  void aReceiptVerifiesOfflineAndRefusesEveryForgery() throws Exception {
    NoteSigner log = NoteSigner.generate(ORIGIN, new SecureRandom());
    MerkleTree tree = new MerkleTree();
    for (int i = 0; i < 13; i++) {
      tree.append(LogHasher.leafHash(("entry " + i).getBytes(StandardCharsets.UTF_8)));
    }
    String note = log.sign(new Checkpoint(ORIGIN, 13, tree.root(13)).text());
    byte[] entry = "entry 9".getBytes(StandardCharsets.UTF_8);
    Receipt receipt = Receipt.of(entry, 9, tree.inclusionProof(9, 13), note);
    Receipt parsed = Receipt.parse(receipt.text());
    List<NoteKey> keys = List.of(NoteKey.parse(log.verifierKey().vkey()));
    assertThat(parsed.verify(ORIGIN, keys).size()).isEqualTo(13);
    assertThat(parsed.entry()).isEqualTo(entry);

    Receipt otherEntry = Receipt.of("entry 8".getBytes(StandardCharsets.UTF_8), 9, tree.inclusionProof(9, 13), note);
    assertThat(ErrorCodes.of(() -> otherEntry.verify(ORIGIN, keys))).isEqualTo(ErrorCode.LOG_ROOT_MISMATCH);
    assertThat(ErrorCodes.of(() -> parsed.verify("another.log/origin", keys))).isEqualTo(ErrorCode.LOG_BAD_NOTE);
    NoteKey stranger = NoteSigner.generate(ORIGIN, new SecureRandom()).verifierKey();
    assertThat(ErrorCodes.of(() -> parsed.verify(ORIGIN, List.of(stranger)))).isEqualTo(ErrorCode.LOG_BAD_SIGNATURE);
    String forgedSize = receipt.text().replace("\n13\n", "\n14\n");
    assertThat(ErrorCodes.of(() -> Receipt.parse(forgedSize).verify(ORIGIN, keys))).isEqualTo(ErrorCode.LOG_BAD_SIGNATURE);
    assertThat(ErrorCodes.of(() -> Receipt.parse("c2sp.org/tlog-proof@v1\nindex 1\n\nx\n"))).isEqualTo(ErrorCode.LOG_BAD_NOTE);
  }
}
