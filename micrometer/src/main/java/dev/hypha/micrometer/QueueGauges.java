package dev.hypha.micrometer;

import dev.hypha.runtime.Hypha;
import dev.hypha.runtime.QueueStatus;
import dev.hypha.runtime.spi.FlowDescriptor;
import dev.hypha.runtime.spi.TaskDescriptor;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The depth and oldest-ready age of each queue, from one look at the store shared by every gauge
 * read within the refresh interval. Gauges are registered for the queues of the flows known at
 * binding, and for any other queue a later look finds. A look that fails (the store unreachable)
 * gives NaN, Micrometer's "unknown", until one succeeds.
 */
final class QueueGauges {
  private static final Logger LOG = LoggerFactory.getLogger(QueueGauges.class);

  private final Hypha hypha;
  private final MeterRegistry registry;
  private final long refreshNanos;
  private final Set<String> registered = ConcurrentHashMap.newKeySet();
  private Snapshot last;

  /** One look: the queues with READY tasks, and when it was taken (null when it failed). */
  private record Snapshot(long takenNanos, Map<String, QueueStatus> queues) {}

  QueueGauges(Hypha hypha, MeterRegistry registry, Duration refresh) {
    this.hypha = hypha;
    this.registry = registry;
    this.refreshNanos = refresh.toNanos();
  }

  void register() {
    Set<String> queues = new TreeSet<>();
    for (FlowDescriptor flow : hypha.flows()) {
      flow.tasks().stream().map(TaskDescriptor::queue).forEach(queues::add);
    }
    Snapshot first = snapshot();
    if (first.queues() != null) {
      queues.addAll(first.queues().keySet());
    }
    queues.forEach(this::registerQueue);
  }

  private void registerQueue(String queue) {
    if (!registered.add(queue)) {
      return;
    }
    Gauge.builder("hypha.queue.depth", this, gauges -> gauges.depth(queue))
        .description("Tasks READY and due on the queue, not yet claimed by a worker")
        .tag("queue", queue)
        .baseUnit("tasks")
        // Nothing else holds this object once bindTo returns; Micrometer's default is weak.
        .strongReference(true)
        .register(registry);
    TimeGauge.builder(
            "hypha.queue.oldest.ready.age",
            this,
            TimeUnit.MILLISECONDS,
            gauges -> gauges.oldestAgeMillis(queue))
        .description("How long the queue's oldest READY task has been due; 0 when none is")
        .tag("queue", queue)
        .strongReference(true)
        .register(registry);
  }

  private double depth(String queue) {
    Map<String, QueueStatus> queues = snapshot().queues();
    if (queues == null) {
      return Double.NaN;
    }
    QueueStatus status = queues.get(queue);
    return status == null ? 0 : status.ready();
  }

  private double oldestAgeMillis(String queue) {
    Map<String, QueueStatus> queues = snapshot().queues();
    if (queues == null) {
      return Double.NaN;
    }
    QueueStatus status = queues.get(queue);
    if (status == null) {
      return 0;
    }
    Instant now = Instant.ofEpochMilli(registry.config().clock().wallTime());
    return status.oldestReadyAge(now).toNanos() / 1e6;
  }

  /** The last look if it is fresh enough, or a new one. */
  private synchronized Snapshot snapshot() {
    long now = System.nanoTime();
    if (last != null && now - last.takenNanos() < refreshNanos) {
      return last;
    }
    Map<String, QueueStatus> queues;
    try {
      queues =
          hypha.queues().stream()
              .collect(Collectors.toMap(QueueStatus::queue, Function.identity()));
    } catch (RuntimeException e) {
      LOG.debug("cannot read the queues of {}: {}", hypha.location(), e.toString());
      queues = null;
    }
    last = new Snapshot(now, queues);
    if (queues != null) {
      // A queue no flow known here names (another process's flow): give it gauges from now on.
      queues.keySet().forEach(this::registerQueue);
    }
    return last;
  }
}
