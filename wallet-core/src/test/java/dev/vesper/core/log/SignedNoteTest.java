package dev.vesper.core.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.testing.ErrorCodes;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;

/** C2SP signed notes and checkpoints, with the example of c2sp.org/signed-note (reference/transparency.md §2.4). */
class SignedNoteTest {
  static final String EXAMPLE_VKEY = "example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k";
  static final String EXAMPLE_NOTE = "This is an example message.\n\n"
      + "\u2014 example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n";

  @Test
  void verifiesTheSpecificationExample() throws Exception {
    NoteKey key = NoteKey.parse(EXAMPLE_VKEY);
    assertThat(key.vkey()).isEqualTo(EXAMPLE_VKEY);
    SignedNote note = SignedNote.parse(EXAMPLE_NOTE);
    assertThat(note.text()).isEqualTo("This is an example message.\n");
    assertThat(note.verify(List.of(key))).containsExactly(key);
  }

  @Test
  void refusesTamperingUnknownSignersAndBadKeys() throws Exception {
    NoteKey key = NoteKey.parse(EXAMPLE_VKEY);
    String tampered = EXAMPLE_NOTE.replace("example message", "exemple message");
    assertThat(ErrorCodes.of(() -> SignedNote.parse(tampered).verify(List.of(key)))).isEqualTo(ErrorCode.LOG_BAD_SIGNATURE);
    NoteKey other = NoteSigner.generate("example.com/bar", new SecureRandom()).verifierKey();
    assertThat(ErrorCodes.of(() -> SignedNote.parse(EXAMPLE_NOTE).verify(List.of(other)))).isEqualTo(ErrorCode.LOG_BAD_SIGNATURE);
    assertThat(ErrorCodes.of(() -> NoteKey.parse("example.com/foo+530d903b+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k")))
        .isEqualTo(ErrorCode.LOG_BAD_NOTE);
    assertThat(ErrorCodes.of(() -> SignedNote.parse("no signatures\n"))).isEqualTo(ErrorCode.LOG_BAD_NOTE);
    assertThat(ErrorCodes.of(() -> SignedNote.parse("text\n\n- example.com/foo AAAA\n"))).isEqualTo(ErrorCode.LOG_BAD_NOTE);
  }

  /** Base64 key material contains '+', which also separates the vkey fields: only the first two count. */
  /** The known answer of golang.org/x/mod/sumdb/note's documentation: signer key, verifier key, signature. */
  @Test
  void signerKeysReadTheReferenceFormatAndSignTheKnownAnswer() throws Exception {
    String skey = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
    String text = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
    NoteSigner signer = NoteSigner.parseSkey(skey);
    assertThat(signer.verifierKey().vkey()).isEqualTo("PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW");
    assertThat(signer.sign(text)).isEqualTo(text + "\n\u2014 PeterNeumann "
        + "x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n");
    assertThat(signer.skey()).isEqualTo(skey);
    for (String bad : List.of(
        "PRIVATE+KEY+PeterNeumann+c74f20a4+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz",
        "PRIVATE+KEY+PeterNeumann+c74f20a3+AoEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz",
        "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKD",
        "PRIVATE+KEY+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz",
        "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
        "")) {
      assertThat(ErrorCodes.of(() -> NoteSigner.parseSkey(bad))).as(bad).isEqualTo(ErrorCode.LOG_BAD_NOTE);
    }
  }

  @Test
  void vkeysRoundTripWhateverTheirBase64Holds() throws Exception {
    for (int i = 0; i < 200; i++) {
      NoteKey key = NoteSigner.generate("log.example/" + i, new SecureRandom()).verifierKey();
      assertThat(NoteKey.parse(key.vkey()).vkey()).isEqualTo(key.vkey());
    }
  }

  @Test
  void signsCheckpointsThatVerifyAndParseBack() throws Exception {
    NoteSigner log = NoteSigner.generate("log.vesper.example", new SecureRandom());
    MerkleTree tree = new MerkleTree();
    tree.append(LogHasher.leafHash(new byte[] {1}));
    tree.append(LogHasher.leafHash(new byte[] {2}));
    Checkpoint cp = new Checkpoint("log.vesper.example", 2, tree.root(2));
    String note = log.sign(cp.text());
    NoteKey vkey = NoteKey.parse(log.verifierKey().vkey());
    SignedNote parsed = SignedNote.parse(note);
    parsed.verify(List.of(vkey));
    Checkpoint back = Checkpoint.parse(parsed.text());
    assertThat(back.size()).isEqualTo(2);
    assertThat(back.root()).isEqualTo(tree.root(2));
    // A second, unknown signer (a witness) does not disturb verification.
    String cosigned = note + NoteSigner.generate("witness.example", new SecureRandom()).sign(cp.text()).substring(cp.text().length() + 1);
    assertThat(SignedNote.parse(cosigned).verify(List.of(vkey))).hasSize(1);
    assertThat(ErrorCodes.of(() -> Checkpoint.parse("origin\n01\nAAAA\n"))).isEqualTo(ErrorCode.LOG_BAD_NOTE);
  }
}
