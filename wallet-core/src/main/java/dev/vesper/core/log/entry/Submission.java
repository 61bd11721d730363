package dev.vesper.core.log.entry;

import dev.vesper.core.crypto.PublicJwk;
import dev.vesper.core.crypto.Sha256;
import dev.vesper.core.crypto.Signer;
import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.json.Base64Url;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * An entry as its submitter signed it, before the log assigns {@code logged_at}. The ES256 signature
 * covers {@code "vesper/log-entry/v1" ‖ 0x00 ‖ uint16 type ‖ uint64 effective_at_ms ‖
 * submitter_key_id[32] ‖ body<0..2^16-1>}, so an entry cannot be replayed under another type, time or
 * submitter. The submitter key id is the submitter's RFC 7638 SHA-256 JWK thumbprint. Immutable.
 */
public final class Submission {
  private static final byte[] CONTEXT = "vesper/log-entry/v1\0".getBytes(StandardCharsets.US_ASCII);
  static final int SIGNATURE_BYTES = 64;
  /** Fixed bytes of an encoded entry around the body: version, type, two times, key id, two lengths, signature. */
  static final int OVERHEAD = 1 + 2 + 8 + 8 + 32 + 2 + 2 + SIGNATURE_BYTES;
  /** Entries fit a tlog-tiles entry bundle record (uint16 length). */
  public static final int MAX_ENTRY_BYTES = 0xFFFF;

  private final EntryBody body;
  private final byte[] bodyBytes;
  private final long effectiveAtMs;
  private final Hash32 submitterKeyId;
  private final byte[] signature;

  Submission(EntryBody body, byte[] bodyBytes, long effectiveAtMs, Hash32 submitterKeyId, byte[] signature) {
    if (effectiveAtMs < 0) {
      throw new IllegalArgumentException("effectiveAtMs < 0");
    }
    if (bodyBytes.length + OVERHEAD > MAX_ENTRY_BYTES) {
      throw new IllegalArgumentException("the entry would exceed " + MAX_ENTRY_BYTES + " bytes");
    }
    if (signature.length != SIGNATURE_BYTES) {
      throw new IllegalArgumentException("an ES256 signature is 64 bytes");
    }
    this.body = Objects.requireNonNull(body, "body == null");
    this.bodyBytes = bodyBytes;
    this.effectiveAtMs = effectiveAtMs;
    this.submitterKeyId = Objects.requireNonNull(submitterKeyId, "submitterKeyId == null");
    this.signature = signature;
  }

  /** Signs {@code body} as of {@code effectiveAtMs} with the submitter's key. */
  public static Submission sign(EntryBody body, long effectiveAtMs, Signer submitter) {
    byte[] bodyBytes = Bodies.encode(body);
    Hash32 keyId = keyIdOf(submitter.publicJwk());
    byte[] tbs = signedBytes(body.type(), effectiveAtMs, keyId, bodyBytes);
    return new Submission(body, bodyBytes, effectiveAtMs, keyId, submitter.sign(tbs));
  }

  /** The key id a submitter key has in entries: its SHA-256 JWK thumbprint. */
  public static Hash32 keyIdOf(PublicJwk key) {
    try {
      return Hash32.of(Base64Url.decode(key.thumbprint(), "thumbprint"));
    } catch (VesperException e) {
      throw new IllegalStateException("a thumbprint is always base64url", e);
    }
  }

  /**
   * Checks that {@code submitter} is the key this entry names and that its signature verifies.
   *
   * @throws VesperException {@link ErrorCode#LOG_BAD_SIGNATURE}
   */
  public void verify(PublicJwk submitter) throws VesperException {
    if (!keyIdOf(submitter).equals(submitterKeyId)) {
      throw new VesperException(ErrorCode.LOG_BAD_SIGNATURE, "the entry names submitter key " + submitterKeyId.hex() + ", not this key");
    }
    if (!submitter.verify(signedBytes(body.type(), effectiveAtMs, submitterKeyId, bodyBytes), signature)) {
      throw new VesperException(ErrorCode.LOG_BAD_SIGNATURE, "the submitter signature does not verify");
    }
  }

  /**
   * SHA-256 of the entry without {@code logged_at} and without the signature: its content (type, effective
   * time, submitter, body). The same content sent twice has the same key, however often it was signed:
   * ECDSA signatures differ at every signing, so a key over them would log a re-signed entry twice.
   */
  public Hash32 dedupKey() {
    Wire.Writer w = new Wire.Writer().u8(LogEntry.FORMAT_VERSION).u16(body.type().code())
        .u64(effectiveAtMs).fixed(submitterKeyId.raw()).opaque16(bodyBytes);
    return Hash32.of(Sha256.digest(w.toByteArray()));
  }

  void writeAfterLoggedAt(Wire.Writer w) {
    w.u64(effectiveAtMs).fixed(submitterKeyId.raw()).opaque16(bodyBytes).opaque16(signature);
  }

  private static byte[] signedBytes(EntryType type, long effectiveAtMs, Hash32 keyId, byte[] bodyBytes) {
    return new Wire.Writer().fixed(CONTEXT).u16(type.code()).u64(effectiveAtMs).fixed(keyId.raw()).opaque16(bodyBytes).toByteArray();
  }

  public EntryBody body() {
    return body;
  }

  public EntryType type() {
    return body.type();
  }

  public long effectiveAtMs() {
    return effectiveAtMs;
  }

  public Hash32 submitterKeyId() {
    return submitterKeyId;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Submission s && effectiveAtMs == s.effectiveAtMs && submitterKeyId.equals(s.submitterKeyId)
        && Arrays.equals(bodyBytes, s.bodyBytes) && Arrays.equals(signature, s.signature) && body.type() == s.body.type();
  }

  @Override
  public int hashCode() {
    return Objects.hash(effectiveAtMs, submitterKeyId, Arrays.hashCode(bodyBytes), Arrays.hashCode(signature));
  }
}
