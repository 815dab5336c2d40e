package dev.hypha.runtime;

import java.time.Instant;
import java.util.Optional;

/**
 * One attempt of a task that ended without a result, as recorded: the attempts before a task's
 * latest one, and its latest too when that failed. An attempt begins when the task's method is
 * called, so a task claimed but never started (a crash came first) has no attempt here and keeps
 * its retry budget.
 *
 * @param attempt the attempt number, 1 for the first
 * @param startedAt when it started
 * @param finishedAt when it failed or timed out; for an {@linkplain Outcome#INTERRUPTED
 *     interrupted} attempt, when its loss was found (the next process took the run up)
 * @param worker the worker that ran it
 * @param outcome how it ended
 * @param error its error; for an interrupted attempt, a {@code
 *     dev.hypha.runtime.AttemptInterrupted} error that says so
 */
public record AttemptRecord(
    int attempt,
    Optional<Instant> startedAt,
    Instant finishedAt,
    Optional<String> worker,
    Outcome outcome,
    TaskError error) {

  /** How an attempt without a result ended. */
  public enum Outcome {
    /** The method threw. */
    FAILED,
    /** Stopped for running too long: past the task's {@code @Timeout} or the run's deadline. */
    TIMED_OUT,
    /**
     * Cut short: the process running it stopped (crash, {@code kill -9}, power loss) before its end
     * was recorded. The task ran again as its next attempt, with the same idempotency key.
     */
    INTERRUPTED
  }

  /** The error type recorded for an {@linkplain Outcome#INTERRUPTED interrupted} attempt. */
  public static final String INTERRUPTED_TYPE = "dev.hypha.runtime.AttemptInterrupted";

  /**
   * Whether it was stopped for running too long: past the task's {@code @Timeout}, or past the
   * run's {@code @Flow(deadline)}; the error says which.
   */
  public boolean timedOut() {
    return outcome == Outcome.TIMED_OUT;
  }

  /** Whether it was cut short by the end of the process that ran it. */
  public boolean interrupted() {
    return outcome == Outcome.INTERRUPTED;
  }
}
