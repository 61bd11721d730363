package dev.vesper.core.log.entry;

import dev.vesper.core.crypto.PublicJwk;
import dev.vesper.core.crypto.Sha256;
import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.log.Checkpoint;
import dev.vesper.core.log.NoteKey;
import dev.vesper.core.log.Receipt;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * Offline proof that a token's issuance was logged (docs/transparency.md §4): a {@link Receipt} whose
 * entry is a {@link TokenIssued} naming the SHA-256 of the token's issuer-signed JWT, signed by the same
 * issuer key that signed the token, included in a checkpoint signed by a pinned log key. No network call.
 */
public final class IssuanceReceipts {
  private final String origin;
  private final List<NoteKey> logKeys;

  private IssuanceReceipts(String origin, List<NoteKey> logKeys) {
    this.origin = origin;
    this.logKeys = logKeys;
  }

  /** Trusts checkpoints of the log {@code origin} signed by any of {@code logKeys}. */
  public static IssuanceReceipts trusting(String origin, List<NoteKey> logKeys) {
    Objects.requireNonNull(origin, "origin == null");
    if (logKeys.isEmpty()) {
      throw new IllegalArgumentException("at least one log key");
    }
    return new IssuanceReceipts(origin, List.copyOf(logKeys));
  }

  public String origin() {
    return origin;
  }

  /**
   * Checks {@code receiptText} against a token whose issuer-signed JWT is {@code issuerJwt} (compact form,
   * as presented) and was verified with {@code issuerKey}.
   *
   * @return the logged issuance and the checkpoint that includes it
   * @throws VesperException a {@code log.*} code: the receipt's own failure, {@link ErrorCode#LOG_BAD_ENTRY},
   *     {@link ErrorCode#LOG_RECEIPT_MISMATCH}, or {@link ErrorCode#LOG_BAD_SIGNATURE} for the submitter
   */
  public Logged check(String receiptText, String issuerJwt, PublicJwk issuerKey) throws VesperException {
    Receipt receipt = Receipt.parse(receiptText);
    Checkpoint checkpoint = receipt.verify(origin, logKeys);
    LogEntry entry = LogEntry.decode(receipt.entry());
    TokenIssued issued = issuanceOf(entry, issuerJwt);
    if (issuerKey.kid().isPresent() && !issuerKey.kid().get().equals(issued.issuerKid())) {
      throw mismatch("the receipt names issuer key " + issued.issuerKid() + ", the token was signed with " + issuerKey.kid().get());
    }
    entry.submission().verify(issuerKey);
    return new Logged(issued, receipt.index(), checkpoint);
  }

  /**
   * Checks only that {@code receiptText} is a well-formed receipt whose entry logs the issuance of the
   * token with {@code issuerJwt}: what a holder can check before keeping a receipt with its token,
   * without the log's key. It proves nothing about the log; {@link #check} does.
   */
  public static void checkNames(String receiptText, String issuerJwt) throws VesperException {
    issuanceOf(LogEntry.decode(Receipt.parse(receiptText).entry()), issuerJwt);
  }

  private static TokenIssued issuanceOf(LogEntry entry, String issuerJwt) throws VesperException {
    if (!(entry.submission().body() instanceof TokenIssued issued)) {
      throw mismatch("the receipt logs a " + entry.submission().type().name().toLowerCase() + " entry, not a token issuance");
    }
    Hash32 tokenHash = Hash32.of(Sha256.digest(issuerJwt.getBytes(StandardCharsets.US_ASCII)));
    if (!issued.tokenHash().equals(tokenHash)) {
      throw mismatch("the receipt logs another token (" + issued.tokenHash().hex() + ")");
    }
    return issued;
  }

  private static VesperException mismatch(String message) {
    return new VesperException(ErrorCode.LOG_RECEIPT_MISMATCH, message);
  }

  /** A verified issuance: the entry, its leaf index and the checkpoint that includes it. */
  public record Logged(TokenIssued issuance, long index, Checkpoint checkpoint) {}
}
