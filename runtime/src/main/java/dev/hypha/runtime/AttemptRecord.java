package dev.hypha.runtime;

import java.time.Instant;
import java.util.Optional;

/**
 * One failed attempt of a task, as recorded: the attempts before a task's latest one, and its
 * latest too when that failed.
 *
 * @param attempt the attempt number, 1 for the first
 * @param startedAt when it started
 * @param finishedAt when it failed or timed out
 * @param worker the worker that ran it
 * @param timedOut whether it was stopped by the task's {@code @Timeout}
 * @param error its error
 */
public record AttemptRecord(
    int attempt,
    Optional<Instant> startedAt,
    Instant finishedAt,
    Optional<String> worker,
    boolean timedOut,
    TaskError error) {}
