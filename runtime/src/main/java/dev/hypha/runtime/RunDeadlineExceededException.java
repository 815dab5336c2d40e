package dev.hypha.runtime;

import java.time.Duration;

/**
 * Recorded as the error of the tasks a run was executing (or waiting to retry) when its
 * {@code @Flow(deadline)} passed. The run fails; its compensations and {@code @OnFailure} still
 * run.
 */
public final class RunDeadlineExceededException extends HyphaException {
  private static final long serialVersionUID = 1L;

  public RunDeadlineExceededException(RunId runId, Duration deadline) {
    super(
        "run "
            + runId
            + " passed its deadline of "
            + deadline
            + "; its unfinished tasks were stopped. Raise @Flow(deadline) if the work needs longer");
  }
}
