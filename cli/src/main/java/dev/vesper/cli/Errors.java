package dev.vesper.cli;

import dev.vesper.core.error.VesperException;
import java.io.IOException;
import java.io.UncheckedIOException;
import picocli.CommandLine;

/** Turns failures into one line on stderr and an exit code; never a stack trace. */
final class Errors implements CommandLine.IExecutionExceptionHandler {
  static final int FAILED = 1;
  static final int USAGE = 2;

  @Override
  public int handleExecutionException(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
    if (e instanceof VesperException v) {
      cli.getErr().println("error: " + v.code().id() + ": " + v.getMessage());
      return FAILED;
    }
    if (e instanceof UsageException u) {
      cli.getErr().println("usage error: " + u.getMessage());
      return USAGE;
    }
    if (e instanceof IOException || e instanceof UncheckedIOException) {
      // A file that cannot be read or written means the command could not run as asked.
      cli.getErr().println("error: io: " + e.getMessage());
      return USAGE;
    }
    cli.getErr().println("error: internal: " + e.getClass().getSimpleName() + ": " + e.getMessage());
    return FAILED;
  }

  /** A usage problem found after parsing (contradictory or missing options). */
  static final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }
}
