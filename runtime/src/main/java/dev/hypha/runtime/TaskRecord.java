package dev.hypha.runtime;

import java.time.Instant;
import java.util.Optional;

/**
 * One task of one run, as recorded in the store.
 *
 * @param name the task's name ({@code compensate:<task>}, {@code on-success:<method>} or {@code
 *     on-failure:<method>} for the handlers the runtime ran)
 * @param kind a task or a handler
 * @param queue the queue it was routed to
 * @param state its state
 * @param attempt the number of the latest attempt, 0 before the first
 * @param readyAt when all its dependencies had succeeded; for a task waiting to be retried, or a
 *     {@code @Delay}ed task, when its next attempt is due
 * @param startedAt when its latest attempt started
 * @param finishedAt when it ended
 * @param worker the worker that ran the latest attempt
 * @param outputJson its output as stored, for a succeeded task
 * @param inputJson for a task that waits for a {@code @Signal}, the payload of the signal it took;
 *     for an instance of a fan-out run by workers of a shared store, its element
 * @param error its error, for a failed task; for a RECOVERED task, the error its fault handler
 *     recovered from
 * @param failures its failed attempts, oldest first
 * @param skipReason why it did not run, for a SKIPPED task
 */
public record TaskRecord(
    String name,
    TaskKind kind,
    String queue,
    TaskState state,
    int attempt,
    Optional<Instant> readyAt,
    Optional<Instant> startedAt,
    Optional<Instant> finishedAt,
    Optional<String> worker,
    Optional<String> outputJson,
    Optional<String> inputJson,
    Optional<TaskError> error,
    java.util.List<AttemptRecord> failures,
    Optional<SkipReason> skipReason) {
  public TaskRecord {
    failures = java.util.List.copyOf(failures);
  }
}
