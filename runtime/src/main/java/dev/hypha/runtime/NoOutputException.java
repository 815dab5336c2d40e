package dev.hypha.runtime;

/**
 * A task's output was asked for, but the run has none recorded for it: the task has not succeeded
 * in that run (it is still pending, failed or was skipped), or the run was started by a version of
 * the flow without that task.
 */
public final class NoOutputException extends HyphaException {
  private static final long serialVersionUID = 1L;
  private final transient RunId runId;
  private final String task;

  /**
   * @param why the state the task is in, or that the run has no row for it
   */
  public NoOutputException(RunId runId, String task, String why) {
    super(
        "task "
            + task
            + " of run "
            + runId
            + " has no recorded output: "
            + why
            + "; only a task that succeeded has one, so check its state in run.detail() first");
    this.runId = runId;
    this.task = task;
  }

  public RunId runId() {
    return runId;
  }

  /** The task's name. */
  public String task() {
    return task;
  }
}
