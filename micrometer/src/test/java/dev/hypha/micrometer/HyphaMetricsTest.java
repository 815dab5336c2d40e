package dev.hypha.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.hypha.runtime.Hypha;
import dev.hypha.runtime.Run;
import dev.hypha.runtime.RunFailedException;
import dev.hypha.runtime.TaskState;
import dev.hypha.runtime.Waits;
import dev.hypha.runtime.spi.FlowBinding;
import dev.hypha.runtime.spi.HandlerDescriptor;
import dev.hypha.runtime.spi.RetryPolicy;
import dev.hypha.runtime.spi.TaskDescriptor;
import dev.hypha.runtime.spi.TypeRef;
import dev.hypha.runtime.testing.LambdaFlow;
import dev.hypha.runtime.testing.SharedStores;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class HyphaMetricsTest {
  private static final TypeRef<Integer> INT = TypeRef.of(Integer.class);
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;

  static List<String> kinds() {
    return SharedStores.kinds();
  }

  /**
   * reserve, then charge, which fails for a negative input on each of its 3 attempts; reserve is
   * compensated when a run fails.
   */
  private static LambdaFlow orders() {
    return orders(true);
  }

  /** {@link #orders()}, with or without the compensation (a shared store runs none). */
  private static LambdaFlow orders(boolean compensated) {
    RetryPolicy threeAttempts =
        new RetryPolicy(3, Duration.ZERO, 1.0, Duration.ZERO, 0.0, List.of(), List.of());
    LambdaFlow.Builder flow =
        LambdaFlow.builder("orders")
            .input(INT)
            .result(INT)
            .task(TaskDescriptor.builder("reserve", INT).build(), args -> args.<Integer>input())
            .task(
                TaskDescriptor.builder("charge", INT)
                    .dependsOn("reserve")
                    .retry(threeAttempts)
                    .build(),
                args -> {
                  int amount = args.<Integer>output(0);
                  if (amount < 0) {
                    throw new IllegalArgumentException("cannot charge " + amount);
                  }
                  return amount;
                });
    if (compensated) {
      flow.handler(
          HandlerDescriptor.compensation("reserve", "release", RetryPolicy.NONE), args -> null);
    }
    return flow.build();
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void onASharedStoreTheClientCountsItsStartsAndTheWorkerWhatItRan(String kind) throws Exception {
    String url = SharedStores.fresh(kind, dir);
    LambdaFlow flow = orders(false);
    SimpleMeterRegistry clientMeters = new SimpleMeterRegistry();
    SimpleMeterRegistry workerMeters = new SimpleMeterRegistry();
    try (Hypha client = Hypha.connect(url);
        Hypha worker =
            Hypha.builder()
                .database(url)
                .worker(TaskDescriptor.DEFAULT_QUEUE)
                .parallel(2)
                .pollInterval(Duration.ofMillis(20))
                .open()) {
      new HyphaMetrics(client, Duration.ZERO).bindTo(clientMeters);
      new HyphaMetrics(worker, Duration.ZERO).bindTo(workerMeters);
      worker.bind(flow, flow);
      FlowBinding<Object, Object> orders = client.client(flow);
      for (int amount = 1; amount <= 2; amount++) {
        assertThat(orders.start(amount).await(WAIT)).isEqualTo(amount);
      }
      Run<Object> failing = orders.start(-1);
      assertThatThrownBy(() -> failing.await(WAIT)).isInstanceOf(RunFailedException.class);
      Waits.until(
          () ->
              workerMeters.find("hypha.runs.ended").counters().stream()
                      .mapToDouble(c -> c.count())
                      .sum()
                  == 3,
          "the three runs' ends counted by the worker");

      // Each process counts what it committed: the client its starts, the worker the rest.
      assertThat(clientMeters.get("hypha.runs.started").tag("flow", "orders").counter().count())
          .isEqualTo(3);
      assertThat(clientMeters.find("hypha.runs.ended").meters()).isEmpty();
      assertThat(clientMeters.find("hypha.task.attempts").meters()).isEmpty();
      assertThat(workerMeters.find("hypha.runs.started").meters()).isEmpty();
      assertThat(count(workerMeters, "hypha.runs.ended", "state", "succeeded")).isEqualTo(2);
      assertThat(count(workerMeters, "hypha.runs.ended", "state", "failed")).isEqualTo(1);
      assertThat(attempts(workerMeters, "reserve", "succeeded").count()).isEqualTo(3);
      assertThat(attempts(workerMeters, "charge", "succeeded").count()).isEqualTo(2);
      assertThat(attempts(workerMeters, "charge", "failed").count()).isEqualTo(3);
      assertThat(
              workerMeters
                  .get("hypha.task.retries")
                  .tags("flow", "orders", "task", "charge")
                  .counter()
                  .count())
          .isEqualTo(2);
    }
  }

  @Test
  void countsRunsAttemptsRetriesAndCompensationsOfKnownRunsOnTheEmbeddedEngine() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    LambdaFlow flow = orders();
    try (Hypha hypha = Hypha.builder().path(dir.resolve("metrics.db")).parallel(2).open()) {
      FlowBinding<Object, Object> orders = hypha.bind(flow, flow);
      new HyphaMetrics(hypha, Duration.ZERO).bindTo(registry);
      for (int amount = 1; amount <= 3; amount++) {
        assertThat(orders.start(amount).await(WAIT)).isEqualTo(amount);
      }
      Run<Object> failing = orders.start(-1);
      assertThatThrownBy(() -> failing.await(WAIT)).isInstanceOf(RunFailedException.class);

      // The listener hears of the run's end last: once it has, every earlier change is counted.
      Waits.until(
          () ->
              registry.get("hypha.runs.ended").counters().stream().mapToDouble(c -> c.count()).sum()
                  == 4,
          "the four runs' ends counted");

      assertThat(registry.get("hypha.runs.started").tag("flow", "orders").counter().count())
          .isEqualTo(4);
      assertThat(count(registry, "hypha.runs.ended", "state", "succeeded")).isEqualTo(3);
      assertThat(count(registry, "hypha.runs.ended", "state", "failed")).isEqualTo(1);
      assertThat(registry.get("hypha.runs.ended").counters()).hasSize(2);

      assertThat(attempts(registry, "reserve", "succeeded").count()).isEqualTo(4);
      assertThat(attempts(registry, "charge", "succeeded").count()).isEqualTo(3);
      Timer failed = attempts(registry, "charge", "failed");
      assertThat(failed.count()).isEqualTo(3);
      assertThat(failed.totalTime(TimeUnit.NANOSECONDS)).isGreaterThanOrEqualTo(0);
      assertThat(registry.get("hypha.task.attempts").timers()).hasSize(3);

      assertThat(
              registry
                  .get("hypha.task.retries")
                  .tags("flow", "orders", "task", "charge")
                  .counter()
                  .count())
          .isEqualTo(2);
      assertThat(registry.get("hypha.task.retries").counters()).hasSize(1);
      assertThat(
              registry
                  .get("hypha.compensations")
                  .tags("flow", "orders", "task", "reserve", "state", "succeeded")
                  .counter()
                  .count())
          .isEqualTo(1);

      // The engine's own counters, read through the function meters.
      var engine = hypha.metrics();
      double commits = registry.get("hypha.commits").functionCounter().count();
      assertThat(commits).isPositive().isLessThanOrEqualTo(hypha.metrics().commits());
      assertThat(commits).isGreaterThanOrEqualTo(engine.commits());
      FunctionTimer latency = registry.get("hypha.commit.latency").functionTimer();
      assertThat(latency.count()).isGreaterThanOrEqualTo(engine.commits());
      assertThat(latency.totalTime(TimeUnit.NANOSECONDS)).isPositive();
      assertThat(registry.get("hypha.commit.rows").functionCounter().count())
          .isGreaterThanOrEqualTo(commits);

      // The embedded engine claims due tasks at once: its queue is known, and empty.
      assertThat(depth(registry, "default")).isZero();
      assertThat(oldestAge(registry, "default", TimeUnit.SECONDS)).isZero();
    }
  }

  @Test
  void bindingTheSameRegistryTwiceCountsOnce() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    LambdaFlow flow = orders();
    try (Hypha hypha = Hypha.open(dir.resolve("twice.db"))) {
      FlowBinding<Object, Object> orders = hypha.bind(flow, flow);
      HyphaMetrics metrics = new HyphaMetrics(hypha);
      metrics.bindTo(registry);
      metrics.bindTo(registry);
      orders.start(5).await(WAIT);
      Waits.until(
          () -> registry.find("hypha.runs.ended").counter() != null, "the run's end counted");
      assertThat(registry.get("hypha.runs.started").counter().count()).isEqualTo(1);
      assertThat(count(registry, "hypha.runs.ended", "state", "succeeded")).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void aReadyTaskOnAQueueNoWorkerHostsShowsInTheQueueGauges(String kind) {
    String url = SharedStores.fresh(kind, dir);
    LambdaFlow flow =
        LambdaFlow.builder("billed")
            .input(INT)
            .result(INT)
            .task(TaskDescriptor.builder("bill", INT).queue("billing").build(), args -> 1)
            .build();
    MockClock clock = new MockClock();
    SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
    try (Hypha client = Hypha.connect(url);
        // Knows no flow: it finds the queue in the store.
        Hypha monitor = Hypha.connect(url)) {
      Run<Object> run = client.client(flow).start(1);
      Instant readyAt = run.detail().task("bill").orElseThrow().readyAt().orElseThrow();
      clock.add(Duration.between(Instant.ofEpochMilli(clock.wallTime()), readyAt.plusSeconds(90)));

      new HyphaMetrics(monitor, Duration.ZERO).bindTo(registry);

      assertThat(depth(registry, "billing")).isEqualTo(1);
      assertThat(oldestAge(registry, "billing", TimeUnit.MILLISECONDS))
          // The registry's clock has milliseconds, the store microseconds.
          .isCloseTo(90_000, within(1.0));
      // The monitor commits nothing, so it hears no run or attempt: those meters are not there.
      assertThat(registry.find("hypha.runs.started").meters()).isEmpty();
      assertThat(registry.find("hypha.task.attempts").meters()).isEmpty();

      try (Hypha worker =
          Hypha.builder()
              .database(url)
              .worker("billing")
              .parallel(2)
              .pollInterval(Duration.ofMillis(20))
              .open()) {
        worker.bind(flow, flow);
        assertThat(run.await(WAIT)).isEqualTo(1);
      }
      assertThat(run.detail().task("bill").orElseThrow().state()).isEqualTo(TaskState.SUCCEEDED);
      assertThat(depth(registry, "billing")).isZero();
      assertThat(oldestAge(registry, "billing", TimeUnit.MILLISECONDS)).isZero();
    }
  }

  @Test
  void anAttemptStoppedByItsTimeoutIsTimedAsTimedOut() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    LambdaFlow flow =
        LambdaFlow.builder("stuck")
            .task(
                TaskDescriptor.builder("hang", INT).timeout(Duration.ofMillis(100)).build(),
                args -> {
                  new java.util.concurrent.CountDownLatch(1).await(); // until interrupted
                  return 0;
                })
            .build();
    try (Hypha hypha = Hypha.open(dir.resolve("stuck.db"))) {
      FlowBinding<Object, Object> stuck = hypha.bind(flow, flow);
      new HyphaMetrics(hypha).bindTo(registry);
      Run<Object> run = stuck.start(null);
      assertThatThrownBy(() -> run.await(WAIT)).isInstanceOf(RunFailedException.class);
      Waits.until(
          () -> registry.find("hypha.runs.ended").counter() != null, "the run's end counted");
      assertThat(
              registry
                  .get("hypha.task.attempts")
                  .tags("flow", "stuck", "task", "hang", "outcome", "timed_out")
                  .timer()
                  .count())
          .isEqualTo(1);
      assertThat(registry.get("hypha.task.attempts").timers()).hasSize(1);
      assertThat(registry.find("hypha.task.retries").meters()).isEmpty();
      assertThat(
              registry
                  .get("hypha.runs.ended")
                  .tags("flow", "stuck", "state", "failed")
                  .counter()
                  .count())
          .isEqualTo(1);
    }
  }

  @Test
  void anInstanceOfAFanOutIsTaggedWithItsTask() {
    assertThat(MeterListener.task("charge[12]")).isEqualTo("charge");
    assertThat(MeterListener.task("charge")).isEqualTo("charge");
  }

  private static double count(MeterRegistry registry, String name, String tag, String value) {
    return registry.get(name).tags("flow", "orders", tag, value).counter().count();
  }

  private static Timer attempts(MeterRegistry registry, String task, String outcome) {
    return registry
        .get("hypha.task.attempts")
        .tags("flow", "orders", "task", task, "outcome", outcome)
        .timer();
  }

  private static double depth(MeterRegistry registry, String queue) {
    return registry.get("hypha.queue.depth").tag("queue", queue).gauge().value();
  }

  private static double oldestAge(MeterRegistry registry, String queue, TimeUnit unit) {
    return registry.get("hypha.queue.oldest.ready.age").tag("queue", queue).timeGauge().value(unit);
  }
}
