package dev.hypha.runtime;

/**
 * {@link Hypha#retry} was asked of a run that cannot be retried: it has not failed, its succeeded
 * tasks were compensated, or its flow has a kind of task that retry does not handle yet. The
 * message says which, and what to do instead.
 */
public final class RunNotRetryableException extends HyphaException {
  private static final long serialVersionUID = 1L;
  private final RunId runId;

  public RunNotRetryableException(RunId runId, String why) {
    super("run " + runId + " cannot be retried: " + why);
    this.runId = runId;
  }

  public RunId runId() {
    return runId;
  }
}
