package dev.hypha.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The tasks of one queue that are READY in the store and due: what the workers hosting the queue
 * have not claimed yet. Tasks waiting for a retry's backoff or a {@code @Delay} are not counted
 * until they are due.
 *
 * @param queue the queue's name
 * @param ready how many tasks are READY and due
 * @param oldestReadyAt when the task READY the longest became due; empty when none is
 */
public record QueueStatus(String queue, long ready, Optional<Instant> oldestReadyAt) {

  public QueueStatus {
    Objects.requireNonNull(queue, "queue");
    Objects.requireNonNull(oldestReadyAt, "oldestReadyAt");
  }

  /** How long the oldest READY task has waited at {@code now}; zero when none waits. */
  public Duration oldestReadyAge(Instant now) {
    return oldestReadyAt
        .map(at -> Duration.between(at, now))
        .filter(age -> !age.isNegative())
        .orElse(Duration.ZERO);
  }
}
