package dev.vesper.core.log;

import dev.vesper.core.error.VesperException;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * A C2SP tlog checkpoint body: origin, tree size, base64 root hash, optional extension lines.
 *
 * @param origin the log's identity (a schema-less URL)
 * @param size the tree size
 * @param root the RFC 6962 root hash of that size
 */
public record Checkpoint(String origin, long size, byte[] root) {
  public Checkpoint {
    Objects.requireNonNull(origin, "origin == null");
    if (origin.isEmpty() || origin.contains("\n")) {
      throw new IllegalArgumentException("origin is one non-empty line");
    }
    if (size < 0 || root.length != LogHasher.HASH_BYTES) {
      throw new IllegalArgumentException("size is not negative and the root is 32 bytes");
    }
    root = root.clone();
  }

  /** Reads the body of a verified note; extension lines are ignored. */
  public static Checkpoint parse(String text) throws VesperException {
    List<String> lines = List.of(text.split("\n", -1));
    if (lines.size() < 4 || !lines.get(lines.size() - 1).isEmpty()) {
      throw NoteKey.bad("a checkpoint is origin, size and root hash lines");
    }
    String size = lines.get(1);
    if (!size.matches("0|[1-9][0-9]{0,18}")) {
      throw NoteKey.bad("the checkpoint size is a decimal without leading zeros");
    }
    byte[] root;
    try {
      root = Base64.getDecoder().decode(lines.get(2));
    } catch (IllegalArgumentException e) {
      throw NoteKey.bad("the checkpoint root is not base64");
    }
    if (root.length != LogHasher.HASH_BYTES || lines.get(0).isEmpty()) {
      throw NoteKey.bad("the checkpoint needs an origin and a 32-byte root");
    }
    return new Checkpoint(lines.get(0), Long.parseLong(size), root);
  }

  /** The note text: three lines, each ending in a newline. */
  public String text() {
    return origin + "\n" + size + "\n" + Base64.getEncoder().encodeToString(root) + "\n";
  }

  @Override
  public byte[] root() {
    return root.clone();
  }
}
