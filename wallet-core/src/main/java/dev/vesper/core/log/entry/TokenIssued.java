package dev.vesper.core.log.entry;

import java.util.List;
import java.util.Objects;

/**
 * A VESPER token was issued: the SHA-256 of its issuer-signed JWT (the token's identity; nothing of
 * its disclosures), the signing key, its validity and its numbers as {@link NumberLabel}s.
 */
public record TokenIssued(
    String issuer, String issuerKid, Hash32 tokenHash, long notBeforeMs, long notAfterMs, List<NumberLabel> numbers)
    implements EntryBody {
  public TokenIssued {
    Wire.checkAscii(issuer, "issuer", false);
    Wire.checkAscii(issuerKid, "issuerKid", false);
    Objects.requireNonNull(tokenHash, "tokenHash == null");
    if (notBeforeMs < 0 || notAfterMs <= notBeforeMs) {
      throw new IllegalArgumentException("validity must satisfy 0 <= notBefore < notAfter");
    }
    numbers = List.copyOf(numbers);
    if (numbers.isEmpty() || numbers.size() > 0xFFFF) {
      throw new IllegalArgumentException("a token has 1..65535 numbers");
    }
  }

  @Override
  public EntryType type() {
    return EntryType.TOKEN_ISSUED;
  }
}
