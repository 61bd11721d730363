package dev.vesper.core.log.entry;

/** A token's status after a status-change entry. */
public enum TokenStatus implements WireCode {
  REVOKED(1),
  SUSPENDED(2),
  REINSTATED(3);

  private final int code;

  TokenStatus(int code) {
    this.code = code;
  }

  @Override
  public int code() {
    return code;
  }
}
