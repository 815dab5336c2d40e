package dev.hypha.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hypha.runtime.spi.FlowBinding;
import dev.hypha.runtime.spi.TypeRef;
import dev.hypha.runtime.testing.LambdaFlow;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;

/** What a {@link Run} handle gives back: results (null ones too), futures, interruptible waits. */
class RunHandleTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final TypeRef<Integer> INT = TypeRef.of(Integer.class);
  private static final TypeRef<String> STRING = TypeRef.of(String.class);

  @TempDir Path dir;

  /**
   * Defect: a recorded null was taken for a missing value, so reading a succeeded run whose result
   * is null threw. Null is a value: await returns it, before and after reopening; resultNow and
   * history().result, whose Optionals cannot hold it, are empty and do not throw.
   */
  @EngineKind.All
  void aRecordedNullResultIsAValueBeforeAndAfterReopening(EngineKind engine) throws Exception {
    Path file = dir.resolve("h.db");
    LambdaFlow flow =
        LambdaFlow.builder("nothing")
            .task("first", STRING, args -> null)
            .task("sink", STRING, args -> args.<String>output(0), "first")
            .build();
    RunId id;
    try (Hypha hypha = engine.open(file)) {
      Run<Object> run = hypha.bind(flow, flow).start(null);
      id = run.id();
      assertThat(run.await(WAIT)).isNull();
      assertThat(run.await()).isNull();
      assertThat(run.state()).isEqualTo(RunState.SUCCEEDED);
      assertThat(run.resultNow()).isEmpty();
    }
    try (Hypha hypha = engine.open(file)) {
      FlowBinding<Object, Object> binding = hypha.bind(flow, flow);
      Run<Object> run = binding.run(id);
      assertThat(run.state()).isEqualTo(RunState.SUCCEEDED);
      assertThat(run.await(WAIT)).isNull();
      assertThat(run.await()).isNull();
      assertThat(run.resultNow()).isEmpty();
      assertThat(run.result().get(WAIT.toSeconds(), TimeUnit.SECONDS)).isNull();
      assertThat(binding.history().result(id)).isEmpty();
      assertThat(binding.output(id, 0)).isEmpty();
      RunDetail detail = run.detail();
      assertThat(detail.resultJson()).contains("null");
      assertThat(detail.task("first").get().state()).isEqualTo(TaskState.SUCCEEDED);
      assertThat(detail.task("first").get().outputJson()).contains("null");
    }
  }

  /** A null output recorded before a restart reaches its dependent after it as null. */
  @EngineKind.All
  void aRecordedNullOutputReachesItsDependentAfterReopening(EngineKind engine) throws Exception {
    Path file = dir.resolve("h.db");
    CountDownLatch started = new CountDownLatch(1);
    AtomicBoolean blocking = new AtomicBoolean(true);
    LambdaFlow flow =
        LambdaFlow.builder("null-then-restart")
            .task("first", STRING, args -> null)
            .task(
                "second",
                STRING,
                args -> {
                  started.countDown();
                  if (blocking.get()) {
                    new CountDownLatch(1).await();
                  }
                  String first = args.output(0);
                  return first == null ? "got null" : "got " + first;
                },
                "first")
            .build();
    RunId id;
    Hypha first = engine.builder(file).shutdownGrace(Duration.ofMillis(100)).open();
    try {
      id = first.bind(flow, flow).start(null).id();
      assertThat(started.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    } finally {
      first.close();
    }
    blocking.set(false);
    try (Hypha second = engine.open(file)) {
      assertThat(second.bind(flow, flow).run(id).await(WAIT)).isEqualTo("got null");
    }
  }

  /**
   * Defect: a thread waiting in {@code await()} without a timeout could not be interrupted. Now it
   * throws HyphaException, keeps its interrupt flag, and the run goes on.
   */
  @EngineKind.All
  void anAwaitWithoutTimeoutIsInterruptibleAndTheRunGoesOn(EngineKind engine) throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    LambdaFlow flow =
        LambdaFlow.builder("awaited")
            .task(
                "held",
                INT,
                args -> {
                  release.await();
                  return 3;
                })
            .build();
    try (Hypha hypha = engine.open(dir.resolve("h.db"))) {
      Run<Object> run = hypha.bind(flow, flow).start(null);
      Interrupted waiter = Interrupted.awaiting(run);
      assertThat(waiter.error).isInstanceOf(HyphaException.class);
      assertThat(waiter.error).hasMessageContaining("interrupted while awaiting run " + run.id());
      assertThat(waiter.flagKept).isTrue();
      assertThat(run.state()).isEqualTo(RunState.RUNNING);
      release.countDown();
      assertThat(run.await()).isEqualTo(3);
    } finally {
      release.countDown();
    }
  }

  /**
   * The same for a run this process does not execute (here: started by another version of the
   * flow), whose handle polls the store instead of waiting on the engine.
   */
  @EngineKind.All
  void anAwaitOnARunExecutedElsewhereIsInterruptibleToo(EngineKind engine) throws Exception {
    Path file = dir.resolve("h.db");
    CountDownLatch started = new CountDownLatch(1);
    LambdaFlow v1 =
        LambdaFlow.builder("versioned")
            .task(
                "old",
                INT,
                args -> {
                  started.countDown();
                  new CountDownLatch(1).await();
                  return 1;
                })
            .build();
    RunId id;
    Hypha first = engine.builder(file).shutdownGrace(Duration.ofMillis(100)).open();
    try {
      id = first.bind(v1, v1).start(null).id();
      assertThat(started.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    } finally {
      first.close();
    }
    LambdaFlow v2 = LambdaFlow.builder("versioned").task("renamed", INT, args -> 2).build();
    try (Hypha second = engine.open(file)) {
      Run<Object> run = second.bind(v2, v2).run(id);
      Interrupted waiter = Interrupted.awaiting(run);
      assertThat(waiter.error)
          .isInstanceOf(HyphaException.class)
          .hasMessageContaining("interrupted");
      assertThat(waiter.flagKept).isTrue();
      assertThat(run.state()).isEqualTo(RunState.RUNNING);
    }
  }

  /**
   * {@code result()} completes with the value; code chained to it runs on the executor given to
   * {@code callbackExecutor(...)}, never on the engine thread.
   */
  @EngineKind.All
  void resultCompletesOnTheCallbackExecutor(EngineKind engine) throws Exception {
    ExecutorService callbacks = testCallbacks();
    CountDownLatch release = new CountDownLatch(1);
    LambdaFlow flow =
        LambdaFlow.builder("gated")
            .task(
                "gate",
                INT,
                args -> {
                  release.await();
                  return 6;
                })
            .build();
    try (Hypha hypha = engine.builder(dir.resolve("h.db")).callbackExecutor(callbacks).open()) {
      Run<Object> run = hypha.bind(flow, flow).start(null);
      // Chained while the run is still going, so the stage runs where the future is completed.
      CompletableFuture<String> chained =
          run.result().thenApply(value -> Thread.currentThread().getName() + "=" + value);
      assertThat(chained).isNotDone();
      release.countDown();
      String completed = chained.get(WAIT.toSeconds(), TimeUnit.SECONDS);
      assertThat(completed).startsWith("test-callback-").endsWith("=6");
      assertThat(run.await()).isEqualTo(6);
      assertThat(run.result().get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(6);
    } finally {
      release.countDown();
      callbacks.shutdownNow();
    }
  }

  /** A failed run's future fails with RunFailedException, handled on the callback executor. */
  @EngineKind.All
  void resultFailsWithRunFailedExceptionForAFailedRun(EngineKind engine) throws Exception {
    ExecutorService callbacks = testCallbacks();
    CountDownLatch release = new CountDownLatch(1);
    LambdaFlow flow =
        LambdaFlow.builder("failing")
            .task(
                "bad",
                INT,
                args -> {
                  release.await();
                  throw new IllegalStateException("card declined");
                })
            .build();
    try (Hypha hypha = engine.builder(dir.resolve("h.db")).callbackExecutor(callbacks).open()) {
      Run<Object> run = hypha.bind(flow, flow).start(null);
      CompletableFuture<Object> result = run.result();
      CompletableFuture<String> handled =
          result.handle((value, error) -> Thread.currentThread().getName());
      release.countDown();
      // Waited on first: a thread waiting on `result` itself may run its plain dependents.
      assertThat(handled.get(WAIT.toSeconds(), TimeUnit.SECONDS)).startsWith("test-callback-");
      assertThat(result)
          .failsWithin(WAIT)
          .withThrowableOfType(ExecutionException.class)
          .havingCause()
          .isInstanceOf(RunFailedException.class)
          .withMessageContaining("card declined");
      assertThatThrownBy(run::await).isInstanceOf(RunFailedException.class);
    } finally {
      release.countDown();
      callbacks.shutdownNow();
    }
  }

  /** What a thread blocked in {@code run.await()} saw when it was interrupted. */
  private static final class Interrupted {
    volatile Throwable error;
    volatile boolean flagKept;

    static Interrupted awaiting(Run<?> run) throws InterruptedException {
      Interrupted seen = new Interrupted();
      Thread waiter =
          new Thread(
              () -> {
                try {
                  run.await();
                } catch (Throwable e) {
                  seen.error = e;
                  seen.flagKept = Thread.currentThread().isInterrupted();
                }
              },
              "awaiter");
      waiter.start();
      Waits.until(
          () -> {
            Thread.State state = waiter.getState();
            return state == Thread.State.WAITING
                || state == Thread.State.TIMED_WAITING
                || state == Thread.State.TERMINATED;
          },
          "the awaiter blocks");
      waiter.interrupt();
      waiter.join(WAIT.toMillis());
      assertThat(waiter.isAlive()).as("the awaiter still waits after its interrupt").isFalse();
      return seen;
    }
  }

  /** Two threads named {@code test-callback-<n>}, to tell where chained code ran. */
  private static ExecutorService testCallbacks() {
    AtomicInteger threads = new AtomicInteger();
    return Executors.newFixedThreadPool(
        2, task -> new Thread(task, "test-callback-" + threads.incrementAndGet()));
  }
}
