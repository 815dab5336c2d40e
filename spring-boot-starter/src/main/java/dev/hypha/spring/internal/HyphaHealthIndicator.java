package dev.hypha.spring.internal;

import dev.hypha.runtime.Hypha;
import dev.hypha.runtime.WorkerRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The health of the application's Hypha: UP when its store answers and, for a worker of a shared
 * store, its heartbeat is recent; DOWN otherwise. Details: the store's location (without a
 * password), the role, the worker's id and queues, and the worker's last heartbeat. Each call reads
 * the store once (twice for a worker). Thread-safe.
 */
public final class HyphaHealthIndicator implements HealthIndicator {
  /** A worker whose last heartbeat is older than this is DOWN: its leases run out at 30 s. */
  static final Duration STALE = Duration.ofSeconds(30);

  private final Hypha hypha;
  private final HyphaSetup setup;
  private final Clock clock;

  public HyphaHealthIndicator(Hypha hypha, HyphaSetup setup, Clock clock) {
    this.hypha = hypha;
    this.setup = setup;
    this.clock = clock;
  }

  @Override
  public Health health() {
    Health.Builder health =
        Health.up()
            .withDetail("store", hypha.location())
            .withDetail("role", setup.role().name().toLowerCase(java.util.Locale.ROOT));
    if (setup.role() != HyphaSetup.Role.CLIENT) {
      health.withDetail("worker", setup.workerId());
    }
    if (setup.role() == HyphaSetup.Role.WORKER) {
      health.withDetail("queues", setup.queues());
    }
    try {
      health.withDetail("readyTasks", hypha.queues().stream().mapToLong(q -> q.ready()).sum());
      if (setup.role() == HyphaSetup.Role.WORKER) {
        Optional<WorkerRecord> self =
            hypha.history().workers().stream()
                .filter(worker -> worker.worker().equals(setup.workerId()))
                .findFirst();
        if (self.isEmpty()) {
          return health.down().withDetail("heartbeat", "this worker is not registered").build();
        }
        Instant last = self.get().lastSeen();
        health.withDetail("lastHeartbeat", last.toString());
        if (self.get().stoppedAt().isPresent()
            || Duration.between(last, clock.instant()).compareTo(STALE) > 0) {
          return health.down().withDetail("heartbeat", "stale or stopped").build();
        }
      }
      return health.build();
    } catch (RuntimeException e) {
      return health.down(e).build();
    }
  }
}
