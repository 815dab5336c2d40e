package dev.hypha.cli.internal;

import dev.hypha.cli.ExitCode;

/**
 * A problem the command reports in one line on stderr and ends with {@link #exitCode()}: a missing
 * store, a file that cannot be read, a run that ended. The message names the problem and the fix.
 */
public final class CliException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final ExitCode exitCode;

  public CliException(ExitCode exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public CliException(ExitCode exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  public ExitCode exitCode() {
    return exitCode;
  }
}
