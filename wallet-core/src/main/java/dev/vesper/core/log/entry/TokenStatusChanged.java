package dev.vesper.core.log.entry;

import java.util.Objects;

/** A token's status changed; the entry's effective time says from when. */
public record TokenStatusChanged(Hash32 tokenHash, TokenStatus status, Reason reason) implements EntryBody {
  public TokenStatusChanged {
    Objects.requireNonNull(tokenHash, "tokenHash == null");
    Objects.requireNonNull(status, "status == null");
    Objects.requireNonNull(reason, "reason == null");
  }

  @Override
  public EntryType type() {
    return EntryType.TOKEN_STATUS_CHANGED;
  }
}
