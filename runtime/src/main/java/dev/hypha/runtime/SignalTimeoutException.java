package dev.hypha.runtime;

import java.time.Duration;

/**
 * Recorded as the error of a task whose {@code @Signal} did not come within its timeout. Not
 * retried: the wait is over. Take an {@code Optional} parameter to run with an empty payload
 * instead.
 */
public final class SignalTimeoutException extends HyphaException {
  private static final long serialVersionUID = 1L;

  public SignalTimeoutException(String task, String signal, Duration timeout) {
    super(
        "task "
            + task
            + " waited "
            + timeout
            + " for signal "
            + signal
            + ", which did not come; send it sooner, raise the timeout, or take an Optional"
            + " parameter to run without it");
  }
}
