package dev.hypha.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * An attempt ended: a task's method (or a compensation's or callback's) returned or threw, or was
 * stopped for running too long. Announced with the commit that records its end, before the event of
 * the state it leads to (SUCCEEDED, FAILED, RECOVERED, or READY again for a retry). An attempt
 * stopped by a cancellation, or cut short by the end of its process, is not announced.
 *
 * @param runId the run
 * @param flow the flow's name
 * @param task the row's name, as in {@link TaskEvent#task()}: {@code task}, {@code task[index]} for
 *     an instance of a {@code @ForEach} or {@code @Loop} task, {@code compensate:task} for a
 *     compensation
 * @param kind what the row is
 * @param attempt the attempt number, 1 for the first
 * @param startedAt when the method was called
 * @param finishedAt when it returned, threw or was stopped
 * @param outcome how it ended
 * @param error the error, unless it succeeded
 */
public record AttemptEvent(
    RunId runId,
    String flow,
    String task,
    TaskKind kind,
    int attempt,
    Instant startedAt,
    Instant finishedAt,
    Outcome outcome,
    Optional<TaskError> error) {

  /** How an attempt ended. */
  public enum Outcome {
    /** The method returned. */
    SUCCEEDED,
    /** The method threw (whether a retry, a fault handler or the task's failure follows). */
    FAILED,
    /** Stopped for running past the task's {@code @Timeout} or the run's deadline. */
    TIMED_OUT
  }

  /** How long the attempt ran. */
  public Duration duration() {
    return Duration.between(startedAt, finishedAt);
  }
}
