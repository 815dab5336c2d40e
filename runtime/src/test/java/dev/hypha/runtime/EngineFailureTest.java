package dev.hypha.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.hypha.runtime.spi.FlowBinding;
import dev.hypha.runtime.spi.RetryPolicy;
import dev.hypha.runtime.spi.TaskDescriptor;
import dev.hypha.runtime.spi.TypeRef;
import dev.hypha.runtime.testing.LambdaFlow;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;

/**
 * Embedded engines only: what stops the embedded engine's thread, and how its callers learn it. (A
 * shared worker has no such thread: it retries a turn it could not commit, and records a
 * VirtualMachineError as its task's failure.)
 *
 * <p>The engine never dies silently and never leaves callers hanging: whatever stops it (a locked
 * store, an interrupt, an injected fault, a VirtualMachineError) fails every waiter and every later
 * call with the reason, and the file opens again with everything committed.
 */
class EngineFailureTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final Duration HANG_GUARD = Duration.ofSeconds(30);
  private static final TypeRef<Integer> INT = TypeRef.of(Integer.class);

  @TempDir Path dir;

  /**
   * Defect: a commit against a store another connection held locked was retried forever, so {@code
   * start()} hung. Now the engine stops after about twice the busy timeout with {@link
   * StoreLockedException}.
   */
  @EngineKind.Embedded
  void aStartAgainstALockedStoreFailsWithStoreLockedInsteadOfHanging(EngineKind engine)
      throws Exception {
    Path file = dir.resolve("h.db");
    LambdaFlow flow = StoreErrorsTest.oneTask();
    Hypha hypha = engine.builder(file).busyTimeout(Duration.ofMillis(200)).open();
    try {
      FlowBinding<Object, Object> binding = hypha.bind(flow, flow);
      try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + file);
          Statement statement = other.createStatement()) {
        statement.execute("BEGIN IMMEDIATE");
        assertTimeoutPreemptively(
            HANG_GUARD,
            () ->
                assertThatThrownBy(() -> binding.start(null))
                    .isInstanceOf(StoreLockedException.class)
                    .hasMessageContaining("is locked by another connection or process")
                    .hasMessageContaining("busyTimeout"));
        // The engine has stopped: later calls fail at once with the same reason.
        assertTimeoutPreemptively(
            HANG_GUARD,
            () ->
                assertThatThrownBy(() -> binding.start(null))
                    .isInstanceOf(StoreLockedException.class));
        statement.execute("ROLLBACK");
      }
    } finally {
      hypha.close();
    }
    try (Hypha again = engine.open(file)) {
      assertThat(again.history().find(RunQuery.builder().build()).items()).isEmpty();
      assertThat(again.bind(flow, flow).start(null).await(WAIT)).isEqualTo(7);
    }
  }

  /**
   * Defect "the engine dies silently": an engine thread that ended (here by an interrupt) left
   * every caller waiting forever. Now awaiting callers fail, and later calls fail at once.
   */
  @EngineKind.Embedded
  void anInterruptedEngineThreadFailsWaitersAndLaterCallsInsteadOfHangingThem(EngineKind engine)
      throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    LambdaFlow flow =
        LambdaFlow.builder("interrupted")
            .task(
                "held",
                INT,
                args -> {
                  started.countDown();
                  release.await();
                  return 1;
                })
            .build();
    Set<Thread> before = Waits.threadsNamed("hypha-engine");
    try (Hypha hypha = engine.open(dir.resolve("h.db"))) {
      Thread engineThread = Waits.newEngineThread(before);
      FlowBinding<Object, Object> binding = hypha.bind(flow, flow);
      Run<Object> run = binding.start(null);
      assertThat(started.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
      CompletableFuture<Object> awaiting = new CompletableFuture<>();
      Thread awaiter =
          new Thread(
              () -> {
                try {
                  awaiting.complete(run.await());
                } catch (Throwable e) {
                  awaiting.completeExceptionally(e);
                }
              },
              "awaiter");
      awaiter.start();

      engineThread.interrupt();
      engineThread.join(WAIT.toMillis());
      assertThat(engineThread.isAlive()).isFalse();

      assertThat(awaiting)
          .failsWithin(WAIT)
          .withThrowableOfType(ExecutionException.class)
          .havingCause()
          .isInstanceOf(HyphaException.class)
          .withMessageContaining("the engine stopped");
      assertTimeoutPreemptively(
          HANG_GUARD,
          () ->
              assertThatThrownBy(() -> binding.start(null))
                  .isInstanceOf(HyphaException.class)
                  .hasMessageContaining("the engine stopped")
                  .hasMessageContaining("open it again")
                  .hasRootCauseInstanceOf(InterruptedException.class)
                  // The reason is named, not the null message of the InterruptedException.
                  .satisfies(e -> assertThat(e.getMessage()).containsIgnoringCase("interrupt")));
    } finally {
      release.countDown();
    }
  }

  /**
   * With the fault point {@code before-commit} armed, the engine stops at that commit: callers get
   * a HyphaException naming the fault, and the next open goes on from the last commit, never
   * running again a task that was recorded SUCCEEDED.
   */
  @EngineKind.Embedded
  void aFaultBeforeACommitStopsTheEngineAndReopeningGoesOnFromTheLastCommit(EngineKind engine) {
    Path file = dir.resolve("h.db");
    Map<String, AtomicInteger> executions = new ConcurrentHashMap<>();
    LambdaFlow flow = counted(executions);
    RunId id;
    Hypha hypha;
    System.setProperty("hypha.faults", "before-commit@3=throw");
    try {
      hypha = engine.builder(file).shutdownGrace(Duration.ofSeconds(1)).open();
    } finally {
      System.clearProperty("hypha.faults");
    }
    try {
      FlowBinding<Object, Object> binding = hypha.bind(flow, flow);
      Run<Object> run = binding.start(1);
      id = run.id();
      assertThatThrownBy(() -> run.await(WAIT))
          .isInstanceOf(HyphaException.class)
          .hasMessageContaining("the engine stopped")
          .hasMessageContaining("fault injected at before-commit (time 3)");
      assertThatThrownBy(() -> binding.start(2))
          .isInstanceOf(HyphaException.class)
          .hasMessageContaining("fault injected at before-commit (time 3)")
          .hasMessageContaining("open it again");
    } finally {
      hypha.close();
    }

    try (Hypha again = engine.open(file)) {
      RunDetail stopped = again.history().detail(id).orElseThrow();
      assertThat(stopped.state()).isEqualTo(RunState.RUNNING);
      Set<String> succeededBefore =
          stopped.tasks().stream()
              .filter(task -> task.state() == TaskState.SUCCEEDED)
              .map(TaskRecord::name)
              .collect(Collectors.toSet());
      Run<Object> run = again.bind(flow, flow).run(id);
      assertThat(run.await(WAIT)).isEqualTo(((1 + 1) * 2) + 3);
      assertThat(run.detail().tasks()).allMatch(task -> task.state() == TaskState.SUCCEEDED);
      for (String task : succeededBefore) {
        assertThat(executions.get(task)).as(task).hasValue(1);
      }
      // The start that came after the stop was never committed.
      assertThat(again.history().find(RunQuery.builder().build()).items()).hasSize(1);
    }
  }

  /**
   * Defect: a VirtualMachineError was caught as the task's failure and retried on a JVM that may be
   * broken. Now the task is called once, the engine stops as after a crash, and the next open runs
   * the task again as the same run, the first call kept as an interrupted attempt.
   */
  @EngineKind.Embedded
  void aStackOverflowErrorIsNotRetriedButStopsTheEngine(EngineKind engine) {
    fatalErrorStopsTheEngine(engine, () -> new StackOverflowError("test"));
  }

  @EngineKind.Embedded
  void anOutOfMemoryErrorIsNotRetriedButStopsTheEngine(EngineKind engine) {
    fatalErrorStopsTheEngine(engine, () -> new OutOfMemoryError("test"));
  }

  private void fatalErrorStopsTheEngine(EngineKind engine, Supplier<VirtualMachineError> error) {
    Path file = dir.resolve("h.db");
    AtomicInteger calls = new AtomicInteger();
    AtomicBoolean broken = new AtomicBoolean(true);
    String errorType = error.get().getClass().getName();
    RetryPolicy fiveAttempts =
        new RetryPolicy(5, Duration.ZERO, 1.0, Duration.ZERO, 0.0, List.of(), List.of());
    LambdaFlow flow =
        LambdaFlow.builder("fragile")
            .task("before", INT, args -> 41)
            .task(
                TaskDescriptor.builder("fragile", INT)
                    .dependsOn("before")
                    .retry(fiveAttempts)
                    .build(),
                args -> {
                  calls.incrementAndGet();
                  if (broken.get()) {
                    throw error.get();
                  }
                  return args.<Integer>output(0) + 1;
                })
            .build();
    RunId id;
    try (Hypha first = engine.builder(file).shutdownGrace(Duration.ofSeconds(1)).open()) {
      Run<Object> run = first.bind(flow, flow).start(null);
      id = run.id();
      assertThatThrownBy(() -> run.await(WAIT))
          .isInstanceOf(HyphaException.class)
          .hasMessageContaining("the engine stopped")
          .hasMessageContaining("task fragile threw " + errorType + ": test");
      assertThat(calls).hasValue(1);
    }
    broken.set(false);
    try (Hypha second = engine.open(file)) {
      Run<Object> run = second.bind(flow, flow).run(id);
      assertThat(run.await(WAIT)).isEqualTo(42);
      assertThat(calls).hasValue(2);
      TaskRecord fragile = run.detail().task("fragile").orElseThrow();
      assertThat(fragile.state()).isEqualTo(TaskState.SUCCEEDED);
      assertThat(fragile.attempt()).isEqualTo(2);
      assertThat(fragile.failures()).hasSize(1);
      assertThat(fragile.failures().get(0).attempt()).isEqualTo(1);
      assertThat(fragile.failures().get(0).outcome()).isEqualTo(AttemptRecord.Outcome.INTERRUPTED);
      assertThat(run.detail().task("before").get().attempt()).isEqualTo(1);
    }
  }

  /** input -> a -> b -> c: for input n, a = n + 1, b = a * 2, c = b + 3; each call counted. */
  static LambdaFlow counted(Map<String, AtomicInteger> executions) {
    return LambdaFlow.builder("counted")
        .input(INT)
        .task("a", INT, args -> count(executions, "a", args.<Integer>input() + 1))
        .task("b", INT, args -> count(executions, "b", args.<Integer>output(0) * 2), "a")
        .task("c", INT, args -> count(executions, "c", args.<Integer>output(1) + 3), "b")
        .build();
  }

  private static int count(Map<String, AtomicInteger> executions, String task, int value) {
    executions.computeIfAbsent(task, k -> new AtomicInteger()).incrementAndGet();
    return value;
  }
}
