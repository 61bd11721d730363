package dev.vesper.core.log.entry;

import java.util.Optional;

/** A token's status after a status-change entry. */
public enum TokenStatus {
  REVOKED(1),
  SUSPENDED(2),
  REINSTATED(3);

  private final int code;

  TokenStatus(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  static Optional<TokenStatus> fromCode(int code) {
    for (TokenStatus s : values()) {
      if (s.code == code) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
