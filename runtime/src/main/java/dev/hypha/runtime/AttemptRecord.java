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
 * @param timedOut whether it was stopped for running too long: past the task's {@code @Timeout}, or
 *     past the run's {@code @Flow(deadline)}; the error says which
 * @param error its error
 */
public record AttemptRecord(
    int attempt,
    Optional<Instant> startedAt,
    Instant finishedAt,
    Optional<String> worker,
    boolean timedOut,
    TaskError error) {}
