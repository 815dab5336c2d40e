package dev.hypha.micrometer;

import dev.hypha.runtime.Hypha;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The meters of a {@link Hypha}, for any Micrometer registry:
 *
 * <pre>{@code
 * Hypha hypha = Hypha.open(Path.of("hypha.db"));
 * new HyphaMetrics(hypha).bindTo(registry);
 * }</pre>
 *
 * <p>Runs, attempts, retries and compensations are counted from the changes committed after {@link
 * #bindTo(MeterRegistry)} (through a listener it adds to the Hypha), so they start at zero; commits
 * are the engine's own counters since the Hypha opened; the queue gauges read the store. On a
 * shared store, whose transitions many processes commit, each process counts what it commits: a
 * client the runs it starts, a worker the attempts it ran, the retries and failures they led to and
 * the runs it ended. A registry that gathers the processes' meters (as a metrics backend does) sees
 * the whole.
 *
 * <p>Meter names and tags are listed in the README's "Metrics (Micrometer)". Thread-safe; binding
 * the same registry twice registers nothing more.
 */
public final class HyphaMetrics implements MeterBinder {
  /** How long one look at the queues serves the gauges, unless given. */
  public static final Duration DEFAULT_QUEUE_REFRESH = Duration.ofSeconds(1);

  private final Hypha hypha;
  private final Duration queueRefresh;
  private final Set<MeterRegistry> bound = Collections.newSetFromMap(new IdentityHashMap<>());

  /** Meters of {@code hypha}, whose queues are read at most once per second. */
  public HyphaMetrics(Hypha hypha) {
    this(hypha, DEFAULT_QUEUE_REFRESH);
  }

  /**
   * Meters of {@code hypha}, whose queues are read at most once per {@code queueRefresh} (each look
   * is one query on the store; all the queue gauges of a scrape share it). Zero reads them at every
   * gauge read.
   */
  public HyphaMetrics(Hypha hypha, Duration queueRefresh) {
    this.hypha = Objects.requireNonNull(hypha, "hypha");
    this.queueRefresh = Objects.requireNonNull(queueRefresh, "queueRefresh");
    if (queueRefresh.isNegative()) {
      throw new IllegalArgumentException("queueRefresh must not be negative, was " + queueRefresh);
    }
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    Objects.requireNonNull(registry, "registry");
    synchronized (bound) {
      if (!bound.add(registry)) {
        return;
      }
    }
    hypha.addListener(new MeterListener(registry));
    new QueueGauges(hypha, registry, queueRefresh).register();
    bindCommits(registry);
  }

  private void bindCommits(MeterRegistry registry) {
    FunctionCounter.builder("hypha.commits", hypha, h -> h.metrics().commits())
        .description("Transactions the engine committed, each a group commit of many transitions")
        .register(registry);
    FunctionCounter.builder("hypha.commit.rows", hypha, h -> h.metrics().rowWrites())
        .description("Rows inserted or updated by those commits")
        .baseUnit("rows")
        .register(registry);
    FunctionTimer.builder(
            "hypha.commit.latency",
            hypha,
            h -> h.metrics().commits(),
            h -> h.metrics().commitNanos(),
            TimeUnit.NANOSECONDS)
        .description("Time in commits, from the transaction's start to its durable end")
        .register(registry);
  }
}
