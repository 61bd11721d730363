package dev.vesper.core.log;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * An offline transparency receipt in the C2SP tlog-proof format (c2sp.org/tlog-proof@v1):
 *
 * <pre>
 * c2sp.org/tlog-proof@v1
 * extra &lt;base64 of the logged entry&gt;
 * index &lt;leaf index&gt;
 * &lt;base64 inclusion-proof hash, leaf sibling first&gt; (one per line)
 *
 * &lt;the signed checkpoint note&gt;
 * </pre>
 *
 * The {@code extra} line carries the entry itself, so the verifier computes the leaf hash rather than
 * trusting one. Verification needs only the pinned log key: no network call. Immutable.
 */
public final class Receipt {
  static final String HEADER = "c2sp.org/tlog-proof@v1";
  static final int MAX_PROOF = 63;

  private final byte[] entry;
  private final long index;
  private final List<byte[]> proof;
  private final String checkpointNote;

  private Receipt(byte[] entry, long index, List<byte[]> proof, String checkpointNote) {
    this.entry = entry;
    this.index = index;
    this.proof = List.copyOf(proof);
    this.checkpointNote = checkpointNote;
  }

  /** A receipt for {@code entry} at {@code index}, with its inclusion proof and the signed checkpoint. */
  public static Receipt of(byte[] entry, long index, List<byte[]> proof, String checkpointNote) {
    Objects.requireNonNull(checkpointNote, "checkpointNote == null");
    return new Receipt(entry.clone(), index, proof, checkpointNote);
  }

  public static Receipt parse(String text) throws VesperException {
    if (text.length() > SignedNote.MAX_BYTES * 2 || text.indexOf('\r') >= 0) {
      throw bad("a receipt is at most 128 KiB of newline-separated text");
    }
    int blank = text.indexOf("\n\n");
    if (blank < 0) {
      throw bad("a receipt has a blank line before its checkpoint");
    }
    String[] lines = text.substring(0, blank).split("\n", -1);
    if (lines.length < 3 || !lines[0].equals(HEADER) || !lines[1].startsWith("extra ") || !lines[2].startsWith("index ")) {
      throw bad("a receipt starts with " + HEADER + ", an extra line and an index line");
    }
    try {
      byte[] entry = Base64.getDecoder().decode(lines[1].substring(6));
      String indexText = lines[2].substring(6);
      if (!indexText.matches("0|[1-9][0-9]{0,18}")) {
        throw bad("the receipt index is a decimal without leading zeros");
      }
      List<byte[]> proof = new ArrayList<>();
      for (int i = 3; i < lines.length; i++) {
        proof.add(Base64.getDecoder().decode(lines[i]));
      }
      if (proof.size() > MAX_PROOF) {
        throw bad("a receipt proof has at most " + MAX_PROOF + " hashes");
      }
      return new Receipt(entry, Long.parseLong(indexText), proof, text.substring(blank + 2));
    } catch (IllegalArgumentException e) {
      throw bad("a receipt line is not base64");
    }
  }

  /**
   * Verifies the receipt: the checkpoint is signed by one of {@code logKeys} for {@code origin}, and the
   * entry's leaf hash is included at {@code index} in the checkpoint's tree.
   *
   * @return the verified checkpoint
   */
  public Checkpoint verify(String origin, Collection<NoteKey> logKeys) throws VesperException {
    SignedNote note = SignedNote.parse(checkpointNote);
    note.verify(logKeys);
    Checkpoint checkpoint = Checkpoint.parse(note.text());
    if (!checkpoint.origin().equals(origin)) {
      throw new VesperException(ErrorCode.LOG_BAD_NOTE, "the checkpoint is from another log: " + checkpoint.origin());
    }
    MerkleProofs.verifyInclusion(index, checkpoint.size(), LogHasher.leafHash(entry), proof, checkpoint.root());
    return checkpoint;
  }

  public byte[] entry() {
    return entry.clone();
  }

  public long index() {
    return index;
  }

  public String text() {
    StringBuilder out = new StringBuilder(HEADER).append('\n');
    out.append("extra ").append(Base64.getEncoder().encodeToString(entry)).append('\n');
    out.append("index ").append(index).append('\n');
    for (byte[] h : proof) {
      out.append(Base64.getEncoder().encodeToString(h)).append('\n');
    }
    return out.append('\n').append(checkpointNote).toString();
  }

  private static VesperException bad(String message) {
    return new VesperException(ErrorCode.LOG_BAD_NOTE, message);
  }
}
