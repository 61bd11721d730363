package dev.vesper.core.fuzz;

import static dev.vesper.core.testing.Fuzz.require;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vesper.core.log.Checkpoint;
import dev.vesper.core.log.NoteKey;
import dev.vesper.core.log.NoteSigner;
import dev.vesper.core.log.SignedNote;
import dev.vesper.core.testing.Fuzz;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * C2SP signed notes, checkpoints and verifier keys, as witnesses, monitors and verifiers fetch them.
 * Input: a note; {@code sign} on the first line and then a body the builder signs with the log key (so
 * the checkpoint rules are reached); or {@code vkey } and a verifier key. Invariants: only
 * {@code VesperException}; a checkpoint reads back from the text it writes; a verifier key writes back as read.
 */
class SignedNoteFuzzTest {
  static final NoteSigner LOG = NoteSigner.fromSeed("log.example/fuzz", filled(32, 9));
  private static final List<NoteKey> TRUSTED = List.of(LOG.verifierKey());

  @FuzzTest
  void parse(byte[] data) {
    String input = Fuzz.utf8(data);
    if (input.startsWith("vkey ")) {
      Fuzz.attempt(() -> NoteKey.parse(input.substring(5))).ifPresent(key ->
          require(Fuzz.attempt(() -> NoteKey.parse(key.vkey())).map(NoteKey::vkey).equals(Optional.of(key.vkey())),
              "a verifier key writes back as read"));
      return;
    }
    String note = input.startsWith("sign\n") ? sign(input.substring(5)) : input;
    Fuzz.attempt(() -> SignedNote.parse(note)).ifPresent(parsed -> {
      require(note.startsWith(parsed.text()), "the signed text is the note's prefix");
      if (Fuzz.attempt(() -> parsed.verify(TRUSTED)).isPresent()) {
        Fuzz.attempt(() -> Checkpoint.parse(parsed.text())).ifPresent(c -> {
          Checkpoint again = Fuzz.attempt(() -> Checkpoint.parse(c.text()))
              .orElseThrow(() -> new AssertionError("a checkpoint's own text does not parse"));
          require(again.origin().equals(c.origin()) && again.size() == c.size() && Arrays.equals(again.root(), c.root()),
              "a checkpoint reads back from the text it writes");
        });
      }
    });
  }

  /** The log key's signature over {@code body}, made to end in a newline as notes do. */
  static String sign(String body) {
    return LOG.sign(body.endsWith("\n") ? body : body + "\n");
  }

  static byte[] filled(int n, int value) {
    byte[] b = new byte[n];
    Arrays.fill(b, (byte) value);
    return b;
  }
}
