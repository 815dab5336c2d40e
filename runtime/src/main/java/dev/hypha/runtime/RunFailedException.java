package dev.hypha.runtime;

/** Thrown by {@link Run#await} when the run failed. */
public final class RunFailedException extends HyphaException {
  private static final long serialVersionUID = 1L;
  private final RunId runId;
  private final transient TaskError error;

  public RunFailedException(RunId runId, String flow, TaskError error) {
    super(
        "run "
            + runId
            + " of flow "
            + flow
            + " failed: task "
            + error.task()
            + " threw "
            + error.describe()
            + "; see run.detail() for every task's state and the stack trace");
    this.runId = runId;
    this.error = error;
  }

  public RunId runId() {
    return runId;
  }

  /** The first task error of the run. */
  public TaskError error() {
    return error;
  }
}
