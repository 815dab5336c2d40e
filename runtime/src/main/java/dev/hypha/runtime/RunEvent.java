package dev.hypha.runtime;

import java.time.Instant;
import java.util.Optional;

/**
 * A run changed state.
 *
 * @param runId the run
 * @param flow the flow's name
 * @param state the new state
 * @param at when the change was recorded
 * @param error the first task error, when the run failed
 */
public record RunEvent(
    RunId runId, String flow, RunState state, Instant at, Optional<TaskError> error) {}
