package dev.hypha.runtime;

/** Thrown by {@link Run#await} when the run was cancelled. */
public final class RunCancelledException extends HyphaException {
  private static final long serialVersionUID = 1L;
  private final RunId runId;

  public RunCancelledException(RunId runId) {
    super("run " + runId + " was cancelled; it has no result");
    this.runId = runId;
  }

  public RunId runId() {
    return runId;
  }
}
