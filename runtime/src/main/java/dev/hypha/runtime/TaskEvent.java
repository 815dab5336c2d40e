package dev.hypha.runtime;

import java.time.Instant;
import java.util.Optional;

/**
 * A task changed state.
 *
 * @param runId the run
 * @param flow the flow's name
 * @param task the task's name
 * @param state the new state
 * @param attempt the attempt number, 0 before the first
 * @param at when the change was recorded
 * @param error the error, when the task failed
 */
public record TaskEvent(
    RunId runId,
    String flow,
    String task,
    TaskState state,
    int attempt,
    Instant at,
    Optional<TaskError> error) {}
