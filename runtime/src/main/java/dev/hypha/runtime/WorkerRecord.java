package dev.hypha.runtime;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A worker process of a shared store, as it last reported itself: the queues it hosts, when it
 * started, and its last heartbeat. A worker that stopped cleanly has a stop time; one that was
 * killed or lost just stops being seen. A READY task on a queue that no worker has been seen for
 * recently waits for one to start.
 *
 * @param worker the worker's name (its {@code --name}, or {@code <pid>@<host>})
 * @param queues the queues it hosts
 * @param stoppedAt when it shut down cleanly, if it did
 */
public record WorkerRecord(
    String worker,
    List<String> queues,
    Instant startedAt,
    Instant lastSeen,
    Optional<Instant> stoppedAt) {
  public WorkerRecord {
    queues = List.copyOf(queues);
  }

  /** Whether it hosts {@code queue}. */
  public boolean hosts(String queue) {
    return queues.contains(queue);
  }
}
