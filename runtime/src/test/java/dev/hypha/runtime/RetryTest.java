package dev.hypha.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hypha.runtime.spi.FlowBinding;
import dev.hypha.runtime.spi.HandlerDescriptor;
import dev.hypha.runtime.spi.SignalWait;
import dev.hypha.runtime.spi.TaskDescriptor;
import dev.hypha.runtime.spi.TypeRef;
import dev.hypha.runtime.testing.LambdaFlow;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;

/** {@link Hypha#retry}: a failed run goes on from where it failed, on every engine. */
class RetryTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final TypeRef<Integer> INT = TypeRef.of(Integer.class);

  @TempDir Path dir;

  /**
   * {@code load -> charge -> ship} and {@code load -> audit -> ship}: {@code audit} does not need
   * {@code charge}, which fails while {@code broken} is set.
   */
  static LambdaFlow shop(Map<String, AtomicInteger> calls, AtomicBoolean broken) {
    return LambdaFlow.builder("shop")
        .input(INT)
        .result(INT)
        .task(
            "load",
            INT,
            args -> {
              count(calls, "load");
              return args.<Integer>input() + 1;
            })
        .task(
            "audit",
            INT,
            args -> {
              count(calls, "audit");
              return 0;
            },
            "load")
        .task(
            "charge",
            INT,
            args -> {
              count(calls, "charge");
              if (broken.get()) {
                throw new IllegalStateException("card declined");
              }
              return args.<Integer>output(0) * 10;
            },
            "load")
        .task(
            "ship",
            INT,
            args -> {
              count(calls, "ship");
              return args.<Integer>output(2) + args.<Integer>output(1) + 1;
            },
            "charge",
            "audit")
        .build();
  }

  private static void count(Map<String, AtomicInteger> calls, String task) {
    calls.computeIfAbsent(task, name -> new AtomicInteger()).incrementAndGet();
  }

  private static int calls(Map<String, AtomicInteger> calls, String task) {
    AtomicInteger count = calls.get(task);
    return count == null ? 0 : count.get();
  }

  @EngineKind.All
  void aRetryRunsTheFailedTaskAndWhatWasSkippedBehindItAndNothingElse(EngineKind engine) {
    Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    AtomicBoolean broken = new AtomicBoolean(true);
    LambdaFlow flow = shop(calls, broken);
    try (Hypha hypha = engine.open(dir.resolve("h.db"))) {
      FlowBinding<Object, Object> shop = hypha.bind(flow, flow);
      Run<Object> run = shop.start(4);
      assertThatThrownBy(() -> run.await(WAIT)).isInstanceOf(RunFailedException.class);
      RunDetail failed = hypha.history().detail(run.id()).orElseThrow();
      assertThat(failed.task("ship").orElseThrow().skipReason())
          .contains(SkipReason.UPSTREAM_FAILED);

      broken.set(false);
      hypha.retry(run.id());
      assertThat(hypha.history().summary(run.id()).orElseThrow().state())
          .isIn(RunState.RUNNING, RunState.SUCCEEDED);
      assertThat(shop.run(run.id()).await(WAIT)).isEqualTo(51);

      assertThat(calls(calls, "load")).isEqualTo(1);
      assertThat(calls(calls, "audit")).isEqualTo(1);
      assertThat(calls(calls, "charge")).isEqualTo(2);
      assertThat(calls(calls, "ship")).isEqualTo(1);
      RunDetail detail = hypha.history().detail(run.id()).orElseThrow();
      assertThat(detail.state()).isEqualTo(RunState.SUCCEEDED);
      assertThat(detail.summary().error()).isEmpty();
      TaskRecord charge = detail.task("charge").orElseThrow();
      assertThat(charge.state()).isEqualTo(TaskState.SUCCEEDED);
      assertThat(charge.attempt()).isEqualTo(2);
      assertThat(charge.error()).isEmpty();
      assertThat(charge.failures()).hasSize(1);
      AttemptRecord first = charge.failures().get(0);
      assertThat(first.attempt()).isEqualTo(1);
      assertThat(first.outcome()).isEqualTo(AttemptRecord.Outcome.FAILED);
      assertThat(first.error().message()).isEqualTo("card declined");
      assertThat(detail.task("ship").orElseThrow().state()).isEqualTo(TaskState.SUCCEEDED);
      assertThat(detail.task("ship").orElseThrow().skipReason()).isEmpty();
      assertThat(detail.task("load").orElseThrow().attempt()).isEqualTo(1);
    }
  }

  /** A retry that fails again leaves the run FAILED, with both attempts in the history. */
  @EngineKind.All
  void aRetryThatFailsAgainEndsFailedWithEveryAttempt(EngineKind engine) {
    Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    LambdaFlow flow = shop(calls, new AtomicBoolean(true));
    try (Hypha hypha = engine.open(dir.resolve("h.db"))) {
      FlowBinding<Object, Object> shop = hypha.bind(flow, flow);
      Run<Object> run = shop.start(1);
      assertThatThrownBy(() -> run.await(WAIT)).isInstanceOf(RunFailedException.class);

      hypha.retry(run.id());
      assertThatThrownBy(() -> shop.run(run.id()).await(WAIT))
          .isInstanceOf(RunFailedException.class)
          .hasMessageContaining("card declined");
      RunDetail detail = hypha.history().detail(run.id()).orElseThrow();
      assertThat(detail.state()).isEqualTo(RunState.FAILED);
      assertThat(detail.summary().error().orElseThrow().task()).isEqualTo("charge");
      TaskRecord charge = detail.task("charge").orElseThrow();
      assertThat(charge.state()).isEqualTo(TaskState.FAILED);
      assertThat(charge.attempt()).isEqualTo(2);
      assertThat(charge.failures())
          .extracting(AttemptRecord::attempt)
          .containsExactly(1, 2)
          .hasSize(2);
      assertThat(detail.task("ship").orElseThrow().state()).isEqualTo(TaskState.SKIPPED);
      assertThat(calls(calls, "load")).isEqualTo(1);
      assertThat(calls(calls, "ship")).isZero();
    }
  }

  /** A retry reopens the run in the store: another process (a restart) finishes it. */
  @EngineKind.All
  void aRetriedRunGoesOnAfterARestart(EngineKind engine) {
    Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    AtomicBoolean broken = new AtomicBoolean(true);
    LambdaFlow failing = shop(calls, broken);
    Path file = dir.resolve("h.db");
    RunId id;
    try (Hypha hypha = engine.open(file)) {
      Run<Object> run = hypha.bind(failing, failing).start(2);
      assertThatThrownBy(() -> run.await(WAIT)).isInstanceOf(RunFailedException.class);
      id = run.id();
    }
    broken.set(false);
    try (Hypha hypha = engine.open(file)) {
      hypha.bind(failing, failing);
      hypha.retry(id);
      assertThat(hypha.bind(failing, failing).run(id).await(WAIT)).isEqualTo(31);
    }
    assertThat(calls(calls, "load")).isEqualTo(1);
    assertThat(calls(calls, "charge")).isEqualTo(2);
  }

  @EngineKind.All
  void onlyAFailedRunOfAKnownIdIsRetried(EngineKind engine) throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    LambdaFlow flow =
        LambdaFlow.builder("waits")
            .task(
                "work",
                INT,
                args -> {
                  release.await();
                  return 1;
                })
            .build();
    try (Hypha hypha = engine.open(dir.resolve("h.db"))) {
      FlowBinding<Object, Object> waits = hypha.bind(flow, flow);
      Run<Object> running = waits.start(null);
      assertThatThrownBy(() -> hypha.retry(running.id()))
          .isInstanceOf(RunNotRetryableException.class)
          .hasMessageContaining("it is RUNNING; only a FAILED run is retried");
      release.countDown();
      running.await(WAIT);
      assertThatThrownBy(() -> hypha.retry(running.id()))
          .isInstanceOf(RunNotRetryableException.class)
          .hasMessageContaining("it is SUCCEEDED; only a FAILED run is retried");
      assertThat(running.detail().state()).isEqualTo(RunState.SUCCEEDED);

      RunId unknown = RunId.generate(System.currentTimeMillis());
      assertThatThrownBy(() -> hypha.retry(unknown))
          .isInstanceOf(UnknownRunException.class)
          .hasMessageContaining(unknown.toString());
    } finally {
      release.countDown();
    }
  }

  /**
   * A compensated run is not retried: the effects of its succeeded tasks were undone. Handlers run
   * on the embedded engine only.
   */
  @EngineKind.Embedded
  void aCompensatedRunIsNotRetried(EngineKind engine) {
    LambdaFlow flow =
        LambdaFlow.builder("booking")
            .task("book", INT, args -> 1)
            .task(
                "pay",
                INT,
                args -> {
                  throw new IllegalStateException("declined");
                },
                "book")
            .handler(
                HandlerDescriptor.compensation(
                    "book", "unbook", FailureHandlingSmokeTest.retries(1)),
                args -> null)
            .build();
    try (Hypha hypha = engine.open(dir.resolve("h.db"))) {
      Run<Object> run = hypha.bind(flow, flow).start(null);
      assertThatThrownBy(() -> run.await(WAIT)).isInstanceOf(RunFailedException.class);
      assertThatThrownBy(() -> hypha.retry(run.id()))
          .isInstanceOf(RunNotRetryableException.class)
          .hasMessageContaining("compensated");
      assertThat(run.detail().state()).isEqualTo(RunState.FAILED);
    }
  }

  /** Retry does not handle flows with signals yet, and says so rather than half doing it. */
  @EngineKind.All
  void aRunOfAFlowWithASignalIsRefusedNamingWhatIsMissing(EngineKind engine) {
    LambdaFlow flow =
        LambdaFlow.builder("signalled")
            .task(
                TaskDescriptor.builder("wait", INT)
                    .signal(SignalWait.of("go", INT).timeout(Duration.ofMillis(50), false))
                    .build(),
                args -> args.<Integer>signal().orElseThrow())
            .build();
    try (Hypha hypha = engine.open(dir.resolve("h.db"))) {
      Run<Object> run = hypha.bind(flow, flow).start(null);
      assertThatThrownBy(() -> run.await(WAIT)).isInstanceOf(RunFailedException.class);
      assertThatThrownBy(() -> hypha.retry(run.id()))
          .isInstanceOf(RunNotRetryableException.class)
          .hasMessageContaining("@Signal task (wait)")
          .hasMessageContaining("retry does not handle @Signal tasks yet");
      assertThat(run.detail().state()).isEqualTo(RunState.FAILED);
    }
  }
}
