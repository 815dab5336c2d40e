package dev.hypha.cli;

/**
 * The exit codes of the {@code hypha} command. They are stable: scripts may rely on them.
 *
 * <table>
 *   <caption>Exit codes</caption>
 *   <tr><th>code</th><th>meaning</th></tr>
 *   <tr><td>0</td><td>done; for {@code start --wait}, the run SUCCEEDED</td></tr>
 *   <tr><td>1</td><td>the run FAILED or was CANCELLED, or it had ended before a cancel or signal
 *       reached it</td></tr>
 *   <tr><td>2</td><td>usage: a bad option, argument, input JSON or setting</td></tr>
 *   <tr><td>3</td><td>not found: no such flow, run or signal</td></tr>
 *   <tr><td>4</td><td>the store cannot be used (missing, unreachable, locked, schema too new), or
 *       the operation is not available in this build</td></tr>
 *   <tr><td>5</td><td>{@code start --wait} timed out: the run is still RUNNING and goes on</td></tr>
 *   <tr><td>70</td><td>an unexpected error; rerun with {@code --verbose} for its stack
 *       trace</td></tr>
 * </table>
 *
 * <p>Immutable and thread-safe.
 */
public enum ExitCode {
  /** Done; for {@code start --wait}, the run succeeded. */
  OK(0),
  /** The run failed or was cancelled, or it had ended before a cancel or signal reached it. */
  RUN_FAILED(1),
  /** A bad option, argument, input JSON or setting. */
  USAGE(2),
  /** No such flow, run or signal. */
  NOT_FOUND(3),
  /**
   * The store cannot be used (missing, unreachable, locked, schema too new), or the operation is
   * not available in this build.
   */
  STORE(4),
  /** {@code start --wait} gave up waiting: the run is still running and goes on. */
  STILL_RUNNING(5),
  /** An unexpected error (a bug); {@code --verbose} prints its stack trace. */
  INTERNAL(70);

  private final int code;

  ExitCode(int code) {
    this.code = code;
  }

  /** The process exit status. */
  public int code() {
    return code;
  }
}
