package dev.vesper.core.log.entry;

/** The kinds of log entry and their stable wire codes (docs/transparency.md §2). */
public enum EntryType implements WireCode {
  ISSUER_KEY_REGISTERED(1),
  ISSUER_KEY_ROTATED(2),
  ISSUER_KEY_REVOKED(3),
  TOKEN_ISSUED(16),
  TOKEN_STATUS_CHANGED(17),
  NUMBER_RTU_ASSERTED(32),
  NUMBER_RTU_RELEASED(33);

  private final int code;

  EntryType(int code) {
    this.code = code;
  }

  @Override
  public int code() {
    return code;
  }
}
