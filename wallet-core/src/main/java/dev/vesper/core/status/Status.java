package dev.vesper.core.status;

/** The status values of draft-ietf-oauth-status-list §7.1 that VESPER uses, with their codes. */
public enum Status {
  VALID(0),
  /** Revoked: final. */
  INVALID(1),
  /** Temporarily invalid; may be reinstated. */
  SUSPENDED(2);

  private final int code;

  Status(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  /** The status of {@code code}; codes VESPER does not define (3 and the application-specific ones) are null. */
  public static Status ofCode(int code) {
    for (Status s : values()) {
      if (s.code == code) {
        return s;
      }
    }
    return null;
  }
}
