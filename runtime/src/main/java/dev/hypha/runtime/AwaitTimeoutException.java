package dev.hypha.runtime;

import java.time.Duration;

/**
 * Thrown by {@link Run#await} when the run has not ended in time. The run goes on; await it again.
 */
public final class AwaitTimeoutException extends HyphaException {
  private static final long serialVersionUID = 1L;
  private final RunId runId;

  public AwaitTimeoutException(RunId runId, RunState state, Duration waited) {
    super(
        "run "
            + runId
            + " is still "
            + state
            + " after "
            + waited
            + "; it goes on, so await it again or look at run.detail()");
    this.runId = runId;
  }

  public RunId runId() {
    return runId;
  }
}
