package dev.hypha.runtime;

import java.time.Instant;
import java.util.Optional;

/**
 * One row of the run history.
 *
 * @param id the run
 * @param flow the flow's name
 * @param shapeHash the graph-shape hash of the flow version that started the run
 * @param state the run's state
 * @param startedAt when the run was started
 * @param finishedAt when it ended, if it has
 * @param error the first task error, for a failed run
 */
public record RunSummary(
    RunId id,
    String flow,
    String shapeHash,
    RunState state,
    Instant startedAt,
    Optional<Instant> finishedAt,
    Optional<TaskError> error) {}
