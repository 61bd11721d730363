package dev.vesper.issuer.service;

import dev.vesper.core.crypto.Signer;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.log.entry.Hash32;
import dev.vesper.core.log.entry.LogEntry;
import dev.vesper.core.log.entry.NumberLabel;
import dev.vesper.core.log.entry.NumberLabeler;
import dev.vesper.core.log.entry.Reason;
import dev.vesper.core.log.entry.Submission;
import dev.vesper.core.log.entry.TokenIssued;
import dev.vesper.core.log.entry.TokenStatus;
import dev.vesper.core.log.entry.TokenStatusChanged;
import dev.vesper.core.phone.NumberEntry;
import dev.vesper.issuer.store.LogEntries;
import dev.vesper.issuer.store.Rows;
import dev.vesper.server.store.Ids;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;

/**
 * The issuer's transparency-log entries (docs/transparency.md §2): {@code TOKEN_ISSUED} with the token
 * hash, key id, validity and keyed number labels (never a number in clear, never anything of the
 * entity), and {@code TOKEN_STATUS_CHANGED}; each signed by the issuer key as submitter.
 */
public final class LogEntryFactory implements LogEntries {
  private final Supplier<Signer> signer;
  private final Supplier<String> issuerUrl;
  private final NumberLabeler labeler;

  public LogEntryFactory(Supplier<Signer> signer, Supplier<String> issuerUrl, NumberLabeler labeler) {
    this.signer = signer;
    this.issuerUrl = issuerUrl;
    this.labeler = labeler;
  }

  @Override
  public Rows.Outbox issued(Rows.Token t) {
    List<NumberLabel> labels = new ArrayList<>();
    try {
      for (NumberEntry n : Entities.entries(t.tnJson())) {
        labels.add(labeler.labelFor(n, false));
      }
    } catch (VesperException e) {
      throw new IllegalStateException("a token row holds numbers it was just issued with", e);
    }
    TokenIssued body = new TokenIssued(issuerUrl.get(), t.issuerKid(), Hash32.ofHex(t.tokenSha256()), t.issuedAt() * 1000,
        t.expiresAt() * 1000, labels);
    return row(t.id(), "token_issued", Submission.sign(body, t.issuedAt() * 1000, signer.get()), t.issuedAt() * 1000);
  }

  @Override
  public Rows.Outbox statusChanged(String tokenId, String tokenSha256, String status, String reason, long atMs) {
    TokenStatus s = switch (status) {
      case "revoked" -> TokenStatus.REVOKED;
      case "suspended" -> TokenStatus.SUSPENDED;
      default -> TokenStatus.REINSTATED;
    };
    TokenStatusChanged body = new TokenStatusChanged(Hash32.ofHex(tokenSha256), s, reason(reason));
    return row(tokenId, "token_" + status, Submission.sign(body, atMs, signer.get()), atMs);
  }

  /** The log's reason code for an issuer reason. */
  static Reason reason(String reason) {
    return switch (reason) {
      case "number_reassigned" -> Reason.NUMBER_RELEASED;
      case "kyc_invalidated" -> Reason.KYC_INVALIDATED;
      case "kyc_expired" -> Reason.EXPIRY;
      case "holder_request" -> Reason.HOLDER_REQUEST;
      case "key_compromise" -> Reason.KEY_COMPROMISE;
      default -> Reason.UNSPECIFIED;
    };
  }

  private static Rows.Outbox row(String tokenId, String kind, Submission submission, long atMs) {
    String entry = Base64.getEncoder().encodeToString(new LogEntry(0, submission).encode());
    return new Rows.Outbox(Ids.newId("out"), tokenId, kind, entry, atMs, 0, atMs, null, null, null, null);
  }
}
