package dev.vesper.core.log;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.List;

/**
 * A C2SP signed note (c2sp.org/signed-note): text ending in a newline, a blank line, then signature
 * lines {@code — <name> <base64(key id ‖ signature)>}. Verification accepts the note when at least one
 * trusted key signed it and no trusted key's signature fails; unknown signers are ignored (rotation,
 * witness cosignatures). Immutable.
 */
public final class SignedNote {
  static final String DASH = "\u2014";
  static final int MAX_BYTES = 1 << 16;
  static final int MAX_SIGNATURES = 100;

  private final String text;
  private final List<Line> signatures;

  /** One signature line. */
  record Line(String name, int keyId, byte[] signature) {}

  private SignedNote(String text, List<Line> signatures) {
    this.text = text;
    this.signatures = List.copyOf(signatures);
  }

  public static SignedNote parse(String note) throws VesperException {
    if (note.length() > MAX_BYTES || note.indexOf('\r') >= 0 || !note.endsWith("\n")) {
      throw NoteKey.bad("a signed note is at most 64 KiB of newline-terminated lines");
    }
    int split = note.lastIndexOf("\n\n");
    if (split < 0) {
      throw NoteKey.bad("a signed note has a blank line before its signatures");
    }
    String text = note.substring(0, split + 1);
    List<Line> lines = new ArrayList<>();
    for (String line : note.substring(split + 2).split("\n")) {
      if (!line.startsWith(DASH + " ")) {
        throw NoteKey.bad("a signature line starts with an em dash and a space");
      }
      String[] parts = line.substring(2).split(" ", -1);
      if (parts.length != 2 || !NoteKey.validName(parts[0])) {
        throw NoteKey.bad("a signature line is '— <name> <base64>'");
      }
      byte[] blob;
      try {
        blob = Base64.getDecoder().decode(parts[1]);
      } catch (IllegalArgumentException e) {
        throw NoteKey.bad("a signature is not base64");
      }
      if (blob.length < 5) {
        throw NoteKey.bad("a signature is a key id and at least one byte");
      }
      lines.add(new Line(parts[0], ByteBuffer.wrap(blob, 0, 4).getInt(), Arrays.copyOfRange(blob, 4, blob.length)));
      if (lines.size() > MAX_SIGNATURES) {
        throw NoteKey.bad("too many signatures");
      }
    }
    return new SignedNote(text, lines);
  }

  /** The signed text, including its final newline. */
  public String text() {
    return text;
  }

  /** Verifies against {@code trusted}; returns the trusted keys that signed. */
  public List<NoteKey> verify(Collection<NoteKey> trusted) throws VesperException {
    byte[] message = text.getBytes(StandardCharsets.UTF_8);
    List<NoteKey> signedBy = new ArrayList<>();
    for (Line line : signatures) {
      for (NoteKey key : trusted) {
        if (key.name().equals(line.name()) && key.keyId() == line.keyId()) {
          if (!key.verify(message, line.signature())) {
            throw new VesperException(ErrorCode.LOG_BAD_SIGNATURE, "the signature of " + key.name() + " does not verify");
          }
          signedBy.add(key);
        }
      }
    }
    if (signedBy.isEmpty()) {
      throw new VesperException(ErrorCode.LOG_BAD_SIGNATURE, "no trusted key signed this note");
    }
    return signedBy;
  }
}
