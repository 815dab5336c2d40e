package dev.hypha.runtime;

import java.time.Duration;

/**
 * Recorded as the error of a task attempt that ran longer than its {@code @Timeout}. The attempt's
 * thread was interrupted; list this type in {@code @Retry(abortOn = ...)} to stop retrying
 * timeouts.
 */
public final class TaskTimeoutException extends HyphaException {
  private static final long serialVersionUID = 1L;

  public TaskTimeoutException(String task, int attempt, Duration timeout) {
    super(
        "attempt "
            + attempt
            + " of task "
            + task
            + " ran longer than its @Timeout of "
            + timeout
            + " and was interrupted; raise the timeout or make the task faster");
  }
}
