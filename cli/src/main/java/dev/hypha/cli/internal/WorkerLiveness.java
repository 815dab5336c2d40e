package dev.hypha.cli.internal;

import dev.hypha.runtime.WorkerRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which queues have a live worker, judged from the workers' heartbeats in the store: a worker is
 * live when it has not stopped and was seen within {@link #SEEN_WITHIN}, two default leases (a
 * worker heartbeats every third of its lease). Stateless.
 */
public final class WorkerLiveness {
  /** How recent a worker's last heartbeat must be for it to count as live. */
  public static final Duration SEEN_WITHIN = Duration.ofSeconds(60);

  private WorkerLiveness() {}

  /** Whether {@code worker} counts as live at {@code now}. */
  public static boolean live(WorkerRecord worker, Instant now) {
    return worker.stoppedAt().isEmpty() && worker.lastSeen().isAfter(now.minus(SEEN_WITHIN));
  }

  /** The queues of {@code queues}, in their order, that no live worker hosts. */
  public static Set<String> unserved(
      Collection<String> queues, List<WorkerRecord> workers, Instant now) {
    Set<String> unserved = new LinkedHashSet<>();
    for (String queue : queues) {
      boolean served = workers.stream().anyMatch(w -> w.hosts(queue) && live(w, now));
      if (!served) {
        unserved.add(queue);
      }
    }
    return unserved;
  }
}
