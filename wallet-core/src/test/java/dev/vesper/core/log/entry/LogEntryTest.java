package dev.vesper.core.log.entry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vesper.core.crypto.Sha256;
import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.json.Base64Url;
import dev.vesper.core.testing.ErrorCodes;
import dev.vesper.core.testing.Fixtures;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The canonical leaf encoding: round trip, the documented layout, submitter signatures, dedup keys. */
class LogEntryTest {
  static List<EntryBody> bodies() throws Exception {
    return Entries.bodies();
  }

  @ParameterizedTest
  @MethodSource("bodies")
  void everyEntryTypeRoundTripsExactly(EntryBody body) throws Exception {
    LogEntry entry = Entries.signed(body);
    byte[] bytes = entry.encode();
    LogEntry decoded = LogEntry.decode(bytes);
    assertThat(decoded).isEqualTo(entry);
    assertThat(decoded.submission().body()).isEqualTo(body);
    assertThat(decoded.encode()).isEqualTo(bytes);
    decoded.submission().verify(Fixtures.issuerKey().publicJwk());
  }

  /** Reads the header with ByteBuffer, independently of our reader, against docs/transparency.md §2.1. */
  @ParameterizedTest
  @MethodSource("bodies")
  void theLayoutIsTheDocumentedOne(EntryBody body) throws Exception {
    LogEntry entry = Entries.signed(body);
    byte[] bytes = entry.encode();
    ByteBuffer b = ByteBuffer.wrap(bytes);
    assertThat(b.get()).isEqualTo((byte) 1);
    assertThat(b.getShort() & 0xFFFF).isEqualTo(body.type().code());
    assertThat(b.getLong()).isEqualTo(Entries.T + 5);
    long effective = b.getLong();
    assertThat(effective).isEqualTo(Entries.T);
    byte[] keyId = new byte[32];
    b.get(keyId);
    assertThat(keyId).isEqualTo(Base64Url.decode(Fixtures.issuerKey().publicJwk().thumbprint(), "t"));
    byte[] bodyBytes = new byte[b.getShort() & 0xFFFF];
    b.get(bodyBytes);
    byte[] sig = new byte[b.getShort() & 0xFFFF];
    b.get(sig);
    assertThat(b.remaining()).isZero();
    assertThat(sig).hasSize(64);
    ByteBuffer tbs = ByteBuffer.allocate(20 + 2 + 8 + 32 + 2 + bodyBytes.length);
    tbs.put("vesper/log-entry/v1\0".getBytes(StandardCharsets.US_ASCII)).putShort((short) body.type().code())
        .putLong(effective).put(keyId).putShort((short) bodyBytes.length).put(bodyBytes);
    assertThat(Fixtures.issuerKey().publicJwk().verify(tbs.array(), sig)).isTrue();
    byte[] leafInput = new byte[bytes.length + 1];
    System.arraycopy(bytes, 0, leafInput, 1, bytes.length);
    assertThat(entry.leafHash()).isEqualTo(MessageDigest.getInstance("SHA-256").digest(leafInput));
  }

  @Test
  void anotherKeyOrATamperedFieldFailsTheSubmitterSignature() throws Exception {
    LogEntry entry = Entries.signed(Entries.bodies().get(4));
    assertThat(ErrorCodes.of(() -> { entry.submission().verify(Fixtures.attackerKey().publicJwk()); return null; }))
        .isEqualTo(ErrorCode.LOG_BAD_SIGNATURE);
    byte[] laterEffective = entry.encode();
    laterEffective[1 + 2 + 8 + 7] ^= 1;
    LogEntry moved = LogEntry.decode(laterEffective);
    assertThat(ErrorCodes.of(() -> { moved.submission().verify(Fixtures.issuerKey().publicJwk()); return null; }))
        .isEqualTo(ErrorCode.LOG_BAD_SIGNATURE);
    // Registered and revoked share a body layout: the signature still binds the type.
    byte[] retyped = Entries.signed(Entries.bodies().get(0)).encode();
    retyped[2] = (byte) EntryType.ISSUER_KEY_REVOKED.code();
    LogEntry revoked = LogEntry.decode(retyped);
    assertThat(revoked.submission().type()).isEqualTo(EntryType.ISSUER_KEY_REVOKED);
    assertThat(ErrorCodes.of(() -> { revoked.submission().verify(Fixtures.issuerKey().publicJwk()); return null; }))
        .isEqualTo(ErrorCode.LOG_BAD_SIGNATURE);
  }

  @Test
  void theDedupKeyIgnoresTheLogTimeAndTheSignature() throws Exception {
    EntryBody body = Entries.bodies().get(4);
    Submission s = Submission.sign(body, Entries.T, Fixtures.issuerKey());
    byte[] a = new LogEntry(1, s).encode();
    // The leaf without logged_at (bytes 3..10) and without the signature (its 2-byte length and 64 bytes, at the end).
    byte[] content = new byte[a.length - 8 - 66];
    System.arraycopy(a, 0, content, 0, 3);
    System.arraycopy(a, 11, content, 3, a.length - 11 - 66);
    assertThat(s.dedupKey().bytes()).isEqualTo(Sha256.digest(content));
    assertThat(LogEntry.decode(new LogEntry(99, s).encode()).submission().dedupKey()).isEqualTo(s.dedupKey());
    Submission resigned = Submission.sign(body, Entries.T, Fixtures.issuerKey());
    assertThat(resigned).as("ECDSA signs differently each time").isNotEqualTo(s);
    assertThat(resigned.dedupKey()).as("issue 11: the same content re-signed is the same entry").isEqualTo(s.dedupKey());
    assertThat(Submission.sign(body, Entries.T + 1, Fixtures.issuerKey()).dedupKey()).isNotEqualTo(s.dedupKey());
    assertThat(Submission.sign(body, Entries.T, Fixtures.holderKey()).dedupKey()).as("another submitter").isNotEqualTo(s.dedupKey());
  }

  @Test
  void valuesAreValidatedWhenBuilt() throws Exception {
    Hash32 h = Hash32.of(new byte[32]);
    assertThatThrownBy(() -> new TokenIssued("iss", "k", h, 10, 10, List.of(NumberLabel.pseudonym(h))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TokenIssued("iss", "k", h, 0, 10, List.of())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TokenIssued("has space", "k", h, 0, 10, List.of(NumberLabel.pseudonym(h))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new IssuerKeyEvent(EntryType.TOKEN_ISSUED, "iss", Fixtures.issuerKey().publicJwk().withKid("k"), 0, Reason.UNSPECIFIED))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new IssuerKeyEvent(EntryType.ISSUER_KEY_REGISTERED, "iss", Fixtures.issuerKey().publicJwk().withoutKid(), 0, Reason.UNSPECIFIED))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Hash32.of(new byte[31])).isInstanceOf(IllegalArgumentException.class);
    List<NumberLabel> many = Collections.nCopies(2_000, NumberLabel.pseudonym(h));
    TokenIssued huge = new TokenIssued("iss", "k", h, 0, 10, many);
    assertThatThrownBy(() -> Submission.sign(huge, 0, Fixtures.issuerKey()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("65535");
  }

  @Test
  void everyTruncationIsRefusedWithTheStableCode() throws Exception {
    for (EntryBody body : Entries.bodies()) {
      byte[] bytes = Entries.signed(body).encode();
      for (int n = 0; n < bytes.length; n++) {
        byte[] prefix = Arrays.copyOf(bytes, n);
        assertThat(ErrorCodes.of(() -> LogEntry.decode(prefix))).as(body.type() + " cut at " + n).isEqualTo(ErrorCode.LOG_BAD_ENTRY);
      }
    }
  }
}
