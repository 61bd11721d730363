package dev.vesper.issuer.service;

import dev.vesper.core.crypto.Signer;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.log.entry.EntryType;
import dev.vesper.core.log.entry.Hash32;
import dev.vesper.core.log.entry.LogEntry;
import dev.vesper.core.log.entry.NumberLabel;
import dev.vesper.core.log.entry.NumberLabeler;
import dev.vesper.core.log.entry.NumberRightToUse;
import dev.vesper.core.log.entry.Reason;
import dev.vesper.core.log.entry.Submission;
import dev.vesper.core.log.entry.TokenIssued;
import dev.vesper.core.log.entry.TokenStatus;
import dev.vesper.core.log.entry.TokenStatusChanged;
import dev.vesper.core.phone.NumberEntry;
import dev.vesper.issuer.store.LogEntries;
import dev.vesper.issuer.store.Rows;
import dev.vesper.server.store.Ids;
import dev.vesper.core.sdjwt.SdJwtEncoder;
import dev.vesper.core.token.VesperToken;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;

/**
 * The issuer's transparency-log entries (docs/transparency.md §2): {@code TOKEN_ISSUED} with the token
 * hash, key id, validity and per-token number labels (never a number in clear unless listed, never
 * anything of the entity; different in every token, so a batch shares none), and
 * {@code TOKEN_STATUS_CHANGED}; each signed by the issuer key as submitter.
 */
public final class LogEntryFactory implements LogEntries {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Supplier<Signer> signer;
  private final Supplier<String> issuerUrl;
  private final NumberLabeler labeler;

  public LogEntryFactory(Supplier<Signer> signer, Supplier<String> issuerUrl, NumberLabeler labeler) {
    this.signer = signer;
    this.issuerUrl = issuerUrl;
    this.labeler = labeler;
  }

  /**
   * {@code TOKEN_ISSUED}, with each number as a per-token label unless the entity listed it publicly;
   * then also a {@code NUMBER_RTU_ASSERTED} per listed number naming the holder key's thumbprint, so
   * the registry can answer "which keys have held this number" (docs/transparency.md §3.2). The
   * asserting authority is this issuer, which vetted the right to use.
   */
  @Override
  public List<Rows.Outbox> issued(Rows.Token t) {
    List<NumberEntry> numbers = entries(t.tnJson());
    List<NumberEntry> listed = t.listedJson() == null ? List.of() : entries(t.listedJson());
    Hash32 tokenHash = Hash32.ofHex(t.tokenSha256());
    List<NumberLabel> labels = new ArrayList<>();
    for (NumberEntry n : numbers) {
      labels.add(labeler.labelFor(n, listed.contains(n), tokenHash));
    }
    // Padded like the token's tn array (docs/token-profile.md §2.1) with decoys no key recognises, and
    // sorted: neither the count nor the order tells anything beyond the bucket.
    int padded = SdJwtEncoder.bucket(labels.size(), VesperToken.MIN_TN_BUCKET);
    while (labels.size() < padded) {
      byte[] decoy = new byte[32];
      RANDOM.nextBytes(decoy);
      labels.add(NumberLabel.perToken(Hash32.of(decoy)));
    }
    labels.sort(Comparator.comparing(NumberLabel::toString));
    long at = t.issuedAt() * 1000;
    TokenIssued body = new TokenIssued(issuerUrl.get(), t.issuerKid(), tokenHash, at, t.expiresAt() * 1000, labels);
    List<Rows.Outbox> out = new ArrayList<>();
    out.add(row(t.id(), "token_issued", Submission.sign(body, at, signer.get()), at));
    for (NumberEntry n : listed) {
      out.add(rightToUse(t, n, EntryType.NUMBER_RTU_ASSERTED, Reason.UNSPECIFIED, at));
    }
    return out;
  }

  @Override
  public List<Rows.Outbox> released(Rows.Token t, String releasedJson, Reason reason, long atMs) {
    List<NumberEntry> listed = t.listedJson() == null ? List.of() : entries(t.listedJson());
    List<Rows.Outbox> out = new ArrayList<>();
    for (NumberEntry n : entries(releasedJson)) {
      if (listed.contains(n)) {
        out.add(rightToUse(t, n, EntryType.NUMBER_RTU_RELEASED, reason, atMs));
      }
    }
    return out;
  }

  private Rows.Outbox rightToUse(Rows.Token t, NumberEntry n, EntryType type, Reason reason, long atMs) {
    Hash32 holder = Hash32.of(Base64.getUrlDecoder().decode(t.holderJkt()));
    NumberRightToUse body = new NumberRightToUse(type, NumberLabel.listed(n), holder, issuerUrl.get(), t.expiresAt() * 1000, reason);
    return row(t.id(), type == EntryType.NUMBER_RTU_ASSERTED ? "rtu_asserted" : "rtu_released", Submission.sign(body, atMs, signer.get()), atMs);
  }

  private static List<NumberEntry> entries(String json) {
    try {
      return Entities.entries(json);
    } catch (VesperException e) {
      throw new IllegalStateException("a stored list of numbers is corrupt", e);
    }
  }

  @Override
  public Rows.Outbox statusChanged(String tokenId, String tokenSha256, String status, Reason reason, long atMs) {
    TokenStatus s = switch (status) {
      case "revoked" -> TokenStatus.REVOKED;
      case "suspended" -> TokenStatus.SUSPENDED;
      default -> TokenStatus.REINSTATED;
    };
    TokenStatusChanged body = new TokenStatusChanged(Hash32.ofHex(tokenSha256), s, reason);
    return row(tokenId, "token_" + status, Submission.sign(body, atMs, signer.get()), atMs);
  }

  private static Rows.Outbox row(String tokenId, String kind, Submission submission, long atMs) {
    String entry = Base64.getEncoder().encodeToString(new LogEntry(0, submission).encode());
    return Rows.Outbox.queued(Ids.newId("out"), tokenId, kind, entry, atMs);
  }
}
