package dev.vesper.core.log.entry;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.log.LogHasher;
import java.util.Arrays;
import java.util.Objects;

/**
 * A logged entry: a {@link Submission} plus the time the log sequenced it. Its canonical encoding is
 * the Merkle leaf (docs/transparency.md §2.1):
 *
 * <pre>
 * uint8  format_version = 1;   uint16 entry_type;
 * uint64 logged_at_ms;         uint64 effective_at_ms;
 * opaque submitter_key_id[32]; opaque body&lt;0..2^16-1&gt;;  opaque submitter_sig&lt;0..2^16-1&gt;  (64 bytes)
 * </pre>
 *
 * {@link #decode} accepts only what {@link #encode} produces: any other byte string is
 * {@link ErrorCode#LOG_BAD_ENTRY}, so one logical entry has exactly one leaf hash.
 */
public record LogEntry(long loggedAtMs, Submission submission) {
  static final int FORMAT_VERSION = 1;

  public LogEntry {
    if (loggedAtMs < 0) {
      throw new IllegalArgumentException("loggedAtMs < 0");
    }
    Objects.requireNonNull(submission, "submission == null");
  }

  public byte[] encode() {
    Wire.Writer w = new Wire.Writer().u8(FORMAT_VERSION).u16(submission.type().code()).u64(loggedAtMs);
    submission.writeAfterLoggedAt(w);
    return w.toByteArray();
  }

  /** RFC 9162 leaf hash of {@link #encode()}. */
  public byte[] leafHash() {
    return LogHasher.leafHash(encode());
  }

  /** Decodes an entry strictly; the submitter signature is not checked here (see {@link Submission#verify}). */
  public static LogEntry decode(byte[] bytes) throws VesperException {
    if (bytes.length > Submission.MAX_ENTRY_BYTES) {
      throw new VesperException(ErrorCode.LOG_BAD_ENTRY, "log entry: longer than " + Submission.MAX_ENTRY_BYTES + " bytes");
    }
    Wire.Reader r = new Wire.Reader(bytes, "log entry");
    int version = r.u8();
    if (version != FORMAT_VERSION) {
      throw r.bad("unsupported format version " + version);
    }
    int typeCode = r.u16();
    EntryType type = WireCode.find(EntryType.class, typeCode).orElseThrow(() -> r.bad("unknown entry type " + typeCode));
    long loggedAt = r.u64();
    long effectiveAt = r.u64();
    Hash32 keyId = Hash32.of(r.fixed(32));
    byte[] bodyBytes = r.opaque16();
    byte[] signature = r.opaque16();
    r.end();
    if (signature.length != Submission.SIGNATURE_BYTES) {
      throw r.bad("the submitter signature is " + signature.length + " bytes, not 64");
    }
    EntryBody body = Bodies.decode(type, bodyBytes);
    if (!Arrays.equals(Bodies.encode(body), bodyBytes)) {
      throw r.bad("the body is not in canonical form");
    }
    return new LogEntry(loggedAt, new Submission(body, bodyBytes, effectiveAt, keyId, signature));
  }
}
