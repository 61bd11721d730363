package dev.vesper.core.error;

import java.util.Objects;

/**
 * The one checked exception of the project: a stable {@link ErrorCode} plus a human-readable message.
 * Messages may name the offending element but never echo secrets (salts, private keys) or whole inputs.
 */
public final class VesperException extends Exception {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;

  public VesperException(ErrorCode code, String message) {
    super(Objects.requireNonNull(message, "message == null"), null, false, false);
    this.code = Objects.requireNonNull(code, "code == null");
  }

  public VesperException(ErrorCode code, String message, Throwable cause) {
    super(Objects.requireNonNull(message, "message == null"), cause, false, false);
    this.code = Objects.requireNonNull(code, "code == null");
  }

  public ErrorCode code() {
    return code;
  }

  @Override
  public String toString() {
    return code.id() + ": " + getMessage();
  }
}
