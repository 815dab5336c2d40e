package dev.hypha.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hypha.runtime.spi.HandlerDescriptor;
import dev.hypha.runtime.spi.RetryPolicy;
import dev.hypha.runtime.spi.TaskDescriptor;
import dev.hypha.runtime.spi.TypeRef;
import dev.hypha.runtime.testing.LambdaFlow;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retries, timeouts, fault handlers, compensations and callbacks through the SPI. Handlers and run
 * deadlines are refused on a shared store, so their tests run on the embedded engines only.
 */
class FailureHandlingSmokeTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final TypeRef<Integer> INT = TypeRef.of(Integer.class);

  @TempDir Path dir;

  static RetryPolicy retries(int attempts) {
    return new RetryPolicy(
        attempts, Duration.ofMillis(20), 2.0, Duration.ofSeconds(1), 0.0, List.of(), List.of());
  }

  @EngineKind.All
  void aFlakyTaskSucceedsOnItsThirdAttemptAndKeepsItsFailures(EngineKind engine) {
    AtomicInteger calls = new AtomicInteger();
    LambdaFlow flow =
        LambdaFlow.builder("flaky")
            .task(
                TaskDescriptor.builder("flaky", INT).retry(retries(5)).build(),
                args -> {
                  if (calls.incrementAndGet() < 3) {
                    throw new IllegalStateException("try " + args.context().attempt());
                  }
                  return args.context().attempt();
                })
            .build();
    try (Hypha hypha = engine.open(dir.resolve("h.db"))) {
      Run<Object> run = hypha.bind(flow, flow).start(null);
      assertThat(run.await(WAIT)).isEqualTo(3);
      TaskRecord task = run.detail().task("flaky").orElseThrow();
      assertThat(task.state()).isEqualTo(TaskState.SUCCEEDED);
      assertThat(task.attempt()).isEqualTo(3);
      assertThat(task.error()).isEmpty();
      assertThat(task.failures()).extracting(AttemptRecord::attempt).containsExactly(1, 2);
      assertThat(task.failures())
          .extracting(f -> f.error().message())
          .containsExactly("try 1", "try 2");
      assertThat(task.failures().get(1).startedAt().get())
          .isAfterOrEqualTo(task.failures().get(0).finishedAt().plusMillis(20));
    }
  }

  // Embedded only: compensations and callbacks.
  @EngineKind.Embedded
  void aFailedRunCompensatesItsSucceededTasksInReverseOrderThenCallsBack(EngineKind engine) {
    List<String> calls = new CopyOnWriteArrayList<>();
    LambdaFlow flow =
        LambdaFlow.builder("saga")
            .task("reserve", INT, args -> 1)
            .task("book", INT, args -> 2, "reserve")
            .task(
                "charge",
                INT,
                args -> {
                  throw new IllegalArgumentException("declined");
                },
                "book")
            .handler(
                HandlerDescriptor.compensation("reserve", "release", RetryPolicy.NONE),
                args -> {
                  calls.add("release " + args.<Integer>output(0));
                  return null;
                })
            .handler(
                HandlerDescriptor.compensation("book", "unbook", retries(3)),
                args -> {
                  calls.add("unbook " + args.context().attempt());
                  if (args.context().attempt() < 2) {
                    throw new IllegalStateException("busy");
                  }
                  return null;
                })
            .handler(
                HandlerDescriptor.onFailure("alert"),
                args -> {
                  calls.add("alert " + args.runError().task());
                  return null;
                })
            .build();
    try (Hypha hypha = engine.open(dir.resolve("h.db"))) {
      Run<Object> run = hypha.bind(flow, flow).start(null);
      assertThatThrownBy(() -> run.await(WAIT)).isInstanceOf(RunFailedException.class);
      assertThat(calls).containsExactly("unbook 1", "unbook 2", "release 1", "alert charge");
      RunDetail detail = run.detail();
      assertThat(detail.task("compensate:book").get().state()).isEqualTo(TaskState.SUCCEEDED);
      assertThat(detail.task("compensate:book").get().kind()).isEqualTo(TaskKind.COMPENSATION);
      assertThat(detail.task("compensate:book").get().failures()).hasSize(1);
      assertThat(detail.task("compensate:reserve").get().state()).isEqualTo(TaskState.SUCCEEDED);
      assertThat(detail.task("on-failure:alert").get().kind()).isEqualTo(TaskKind.ON_FAILURE);
      assertThat(detail.summary().error().get().task()).isEqualTo("charge");
    }
  }

  // Embedded only: fault handlers.
  @EngineKind.Embedded
  void aFaultHandlerRecoversTheTaskAndTheRunGoesOn(EngineKind engine) {
    LambdaFlow flow =
        LambdaFlow.builder("recovering")
            .result(INT)
            .task(
                "quote",
                INT,
                args -> {
                  throw new IllegalArgumentException("no quote");
                })
            .task("total", INT, args -> args.<Integer>output(0) + 1, "quote")
            .handler(
                HandlerDescriptor.fault(
                    "quote", "fallback", List.of(IllegalArgumentException.class)),
                args -> args.<IllegalArgumentException>exception().getMessage().length())
            .build();
    try (Hypha hypha = engine.open(dir.resolve("h.db"))) {
      Run<Object> run = hypha.bind(flow, flow).start(null);
      assertThat(run.await(WAIT)).isEqualTo(9);
      TaskRecord quote = run.detail().task("quote").orElseThrow();
      assertThat(quote.state()).isEqualTo(TaskState.RECOVERED);
      assertThat(quote.error().get().message()).isEqualTo("no quote");
      assertThat(quote.outputJson()).contains("8");
    }
  }

  @EngineKind.All
  void aTimedOutTaskThatIgnoresInterruptsDoesNotBlockTheEngine(EngineKind engine) throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    LambdaFlow flow =
        LambdaFlow.builder("stubborn")
            .task(
                TaskDescriptor.builder("stubborn", INT)
                    .timeout(Duration.ofMillis(200))
                    .retry(retries(2))
                    .build(),
                args -> {
                  if (attempts.incrementAndGet() == 1) {
                    long until = System.nanoTime() + 3_000_000_000L;
                    while (System.nanoTime() < until) {
                      Thread.onSpinWait();
                    }
                  }
                  return attempts.get();
                })
            .build();
    LambdaFlow quick = LambdaFlow.builder("quick").task("one", INT, args -> 1).build();
    try (Hypha hypha =
        engine.builder(dir.resolve("h.db")).shutdownGrace(Duration.ofSeconds(5)).open()) {
      Run<Object> run = hypha.bind(flow, flow).start(null);
      assertThat(run.await(WAIT)).isEqualTo(2);
      if (!engine.shared()) {
        // The embedded engine gives up on the thread; a shared worker records the timeout when
        // the thread returns (the quick run below has threads to spare), and abandons none.
        assertThat(hypha.metrics().abandonedThreadsTotal()).isEqualTo(1);
      }
      assertThat(hypha.bind(quick, quick).start(null).await(WAIT)).isEqualTo(1);
      TaskRecord task = run.detail().task("stubborn").orElseThrow();
      assertThat(task.failures()).hasSize(1);
      assertThat(task.failures().get(0).timedOut()).isTrue();
      assertThat(task.failures().get(0).error().type())
          .isEqualTo(TaskTimeoutException.class.getName());
    }
  }

  // Embedded only: compensations on cancel.
  @EngineKind.Embedded
  void aCancelledRunStopsItsTasksAndCompensatesWhenAsked(EngineKind engine) throws Exception {
    List<String> calls = new CopyOnWriteArrayList<>();
    java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
    LambdaFlow flow =
        LambdaFlow.builder("cancellable")
            .compensateOnCancel()
            .task("first", INT, args -> 1)
            .task(
                "slow",
                INT,
                args -> {
                  started.countDown();
                  Thread.sleep(30_000);
                  return 2;
                },
                "first")
            .task("last", INT, args -> 3, "slow")
            .handler(
                HandlerDescriptor.compensation("first", "undo", RetryPolicy.NONE),
                args -> {
                  calls.add("undo");
                  return null;
                })
            .build();
    try (Hypha hypha = engine.open(dir.resolve("h.db"))) {
      Run<Object> run = hypha.bind(flow, flow).start(null);
      assertThat(started.await(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      assertThat(run.cancel()).isTrue();
      assertThatThrownBy(() -> run.await(WAIT)).isInstanceOf(RunCancelledException.class);
      assertThat(run.cancel()).isFalse();
      RunDetail detail = run.detail();
      assertThat(detail.state()).isEqualTo(RunState.CANCELLED);
      assertThat(detail.task("slow").get().state()).isEqualTo(TaskState.CANCELLED);
      assertThat(detail.task("last").get().state()).isEqualTo(TaskState.CANCELLED);
      assertThat(calls).containsExactly("undo");
    }
  }

  // Embedded only: run deadlines.
  @EngineKind.Embedded
  void aRunPastItsDeadlineFails(EngineKind engine) {
    LambdaFlow flow =
        LambdaFlow.builder("late")
            .deadline(Duration.ofMillis(300))
            .task(
                "slow",
                INT,
                args -> {
                  Thread.sleep(30_000);
                  return 1;
                })
            .build();
    try (Hypha hypha = engine.open(dir.resolve("h.db"))) {
      Run<Object> run = hypha.bind(flow, flow).start(null);
      assertThatThrownBy(() -> run.await(WAIT))
          .isInstanceOf(RunFailedException.class)
          .hasMessageContaining(RunDeadlineExceededException.class.getName());
      assertThat(run.detail().task("slow").get().state()).isEqualTo(TaskState.FAILED);
    }
  }

  /** A flow with a handler row: the deadline walks past the handlers without reading beyond. */
  @EngineKind.Embedded
  void aRunPastItsDeadlineFailsWhenItsFlowHasHandlers(EngineKind engine) {
    List<String> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
    LambdaFlow flow =
        LambdaFlow.builder("late-with-handler")
            .deadline(Duration.ofMillis(300))
            .task("first", INT, args -> 1)
            .task(
                "slow",
                INT,
                args -> {
                  Thread.sleep(30_000);
                  return 1;
                },
                "first")
            .handler(
                HandlerDescriptor.compensation("first", "undo", RetryPolicy.NONE),
                args -> {
                  calls.add("undo");
                  return null;
                })
            .build();
    try (Hypha hypha = engine.open(dir.resolve("h.db"))) {
      Run<Object> run = hypha.bind(flow, flow).start(null);
      assertThatThrownBy(() -> run.await(WAIT))
          .isInstanceOf(RunFailedException.class)
          .hasMessageContaining(RunDeadlineExceededException.class.getName());
      assertThat(run.detail().task("slow").get().state()).isEqualTo(TaskState.FAILED);
      assertThat(calls).containsExactly("undo");
      // The engine goes on: another run of the flow starts and fails the same way.
      assertThat(hypha.bind(flow, flow).start(null).id()).isNotNull();
    }
  }
}
