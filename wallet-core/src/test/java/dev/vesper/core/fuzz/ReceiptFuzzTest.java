package dev.vesper.core.fuzz;

import static dev.vesper.core.testing.Fuzz.require;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vesper.core.log.NoteKey;
import dev.vesper.core.log.Receipt;
import dev.vesper.core.testing.Fuzz;
import java.util.Arrays;
import java.util.List;

/**
 * Offline transparency receipts (C2SP tlog-proof), as a presentation carries them to a verifier. Input:
 * a receipt; with {@code resign} on the first line, the builder re-signs the receipt's checkpoint with
 * the log key, so that sizes, roots and proofs are fuzzed past the signature. Invariants: only
 * {@code VesperException}; a receipt reads back from the text it writes.
 */
class ReceiptFuzzTest {
  static final String ORIGIN = "log.example/fuzz";
  private static final List<NoteKey> TRUSTED = List.of(SignedNoteFuzzTest.LOG.verifierKey());

  @FuzzTest
  void parseAndVerify(byte[] data) {
    String input = Fuzz.utf8(data);
    String text = input.startsWith("resign\n") ? resign(input.substring(7)) : input;
    Fuzz.attempt(() -> Receipt.parse(text)).ifPresent(receipt -> {
      Receipt again = Fuzz.attempt(() -> Receipt.parse(receipt.text()))
          .orElseThrow(() -> new AssertionError("a receipt's own text does not parse"));
      require(again.index() == receipt.index() && Arrays.equals(again.entry(), receipt.entry())
          && again.text().equals(receipt.text()), "a receipt reads back from the text it writes");
      Fuzz.attempt(() -> receipt.verify(ORIGIN, TRUSTED)).ifPresent(checkpoint ->
          require(receipt.index() < checkpoint.size(), "a verified receipt's index lies inside the checkpoint's tree"));
    });
  }

  /** Replaces the signature lines of the receipt's checkpoint note with the log key's. */
  private static String resign(String receipt) {
    int blank = receipt.indexOf("\n\n");
    if (blank < 0) {
      return receipt;
    }
    String note = receipt.substring(blank + 2);
    int signatures = note.lastIndexOf("\n\n");
    String body = signatures < 0 ? note : note.substring(0, signatures + 1);
    return receipt.substring(0, blank + 2) + SignedNoteFuzzTest.sign(body);
  }
}
