package dev.vesper.core.testing;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;

/** Runs a call that must fail and returns its {@link ErrorCode}; anything else fails the test. */
public final class ErrorCodes {
  private ErrorCodes() {}

  /** A call that may throw {@link VesperException}. */
  public interface Call {
    Object run() throws Exception;
  }

  public static ErrorCode of(Call call) {
    try {
      call.run();
    } catch (VesperException e) {
      return e.code();
    } catch (Exception e) {
      throw new AssertionError("expected a VesperException, got " + e, e);
    }
    throw new AssertionError("expected a VesperException, but the call succeeded");
  }
}
