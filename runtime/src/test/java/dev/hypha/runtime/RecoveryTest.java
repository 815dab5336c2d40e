package dev.hypha.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hypha.runtime.spi.TypeRef;
import dev.hypha.runtime.testing.LambdaFlow;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs left in flight by a closed engine go on when their flow is bound again. (The suite that
 * kills a separate JVM with SIGKILL is in the samples module.)
 */
class RecoveryTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final TypeRef<Integer> INT = TypeRef.of(Integer.class);

  @TempDir Path dir;

  /** first -> second -> third; second blocks while {@code blockSecond} is set. */
  static LambdaFlow chain(
      Map<String, AtomicInteger> executions,
      List<String> keys,
      CountDownLatch secondStarted,
      boolean blockSecond) {
    return LambdaFlow.builder("recoverable")
        .input(INT)
        .task(
            "first",
            INT,
            args -> {
              executions.computeIfAbsent("first", k -> new AtomicInteger()).incrementAndGet();
              return args.<Integer>input() * 10;
            })
        .task(
            "second",
            INT,
            args -> {
              executions.computeIfAbsent("second", k -> new AtomicInteger()).incrementAndGet();
              keys.add(args.context().idempotencyKey() + "#" + args.context().attempt());
              secondStarted.countDown();
              if (blockSecond) {
                Thread.sleep(60_000);
              }
              return args.<Integer>output(0) + 1;
            },
            "first")
        .task(
            "third",
            INT,
            args -> {
              executions.computeIfAbsent("third", k -> new AtomicInteger()).incrementAndGet();
              return args.<Integer>output(1) * 2;
            },
            "second")
        .build();
  }

  @EngineKind.All
  void aTaskCaughtRunningRunsAgainWithTheSameKeyAndSucceededTasksNeverRunAgain(EngineKind engine)
      throws Exception {
    Path file = dir.resolve("h.db");
    Map<String, AtomicInteger> executions = new ConcurrentHashMap<>();
    List<String> keys = new CopyOnWriteArrayList<>();
    CountDownLatch started = new CountDownLatch(1);
    RunId id;
    Hypha first = engine.builder(file).shutdownGrace(Duration.ofMillis(50)).open();
    LambdaFlow blocking = chain(executions, keys, started, true);
    id = first.bind(blocking, blocking).start(4).id();
    started.await();
    first.close();
    TaskRecord caught = first.history().detail(id).orElseThrow().task("second").get();
    if (engine.shared()) {
      // A shared worker gives back at close what it could not finish: READY for any worker, the
      // attempt it cut short recorded INTERRUPTED.
      assertThat(caught.state()).isEqualTo(TaskState.READY);
      assertThat(caught.failures())
          .extracting(AttemptRecord::outcome)
          .containsExactly(AttemptRecord.Outcome.INTERRUPTED);
    } else {
      // The embedded engine leaves it RUNNING, for the next open to take up.
      assertThat(caught.state()).isEqualTo(TaskState.RUNNING);
    }

    try (Hypha second = engine.open(file)) {
      LambdaFlow quick = chain(executions, keys, new CountDownLatch(1), false);
      Run<Object> run = second.bind(quick, quick).run(id);
      assertThat(run.await(WAIT)).isEqualTo(82);
      RunDetail detail = run.detail();
      assertThat(detail.task("first").get().attempt()).isEqualTo(1);
      assertThat(detail.task("second").get().attempt()).isEqualTo(2);
      assertThat(detail.task("third").get().attempt()).isEqualTo(1);
    }
    assertThat(executions.get("first")).hasValue(1);
    assertThat(executions.get("second")).hasValue(2);
    assertThat(executions.get("third")).hasValue(1);
    assertThat(keys).containsExactly(id + "/second#1", id + "/second#2");
  }

  @EngineKind.All
  void readyTasksLeftByAClosedEngineRunAfterReopening(EngineKind engine) throws Exception {
    Path file = dir.resolve("h.db");
    CountDownLatch rootBegan = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger leaves = new AtomicInteger();
    LambdaFlow.Builder wide =
        LambdaFlow.builder("wide")
            .task(
                "root",
                INT,
                args -> {
                  rootBegan.countDown();
                  release.await();
                  return 1;
                });
    for (int i = 0; i < 50; i++) {
      wide.task("leaf" + i, INT, args -> leaves.incrementAndGet(), "root");
    }
    LambdaFlow flow = wide.build();
    Hypha first = engine.builder(file).shutdownGrace(Duration.ofSeconds(5)).open();
    RunId id = first.bind(flow, flow).start(null).id();
    // A shared worker claims the run's root after the start returns: close once it runs.
    assertThat(rootBegan.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    // Close waits for root; its 50 dependents are recorded READY, not run. Root is released once
    // the closer waits in its drain (its only timed wait), so the drain comes before root's end.
    Thread closer = new Thread(first::close);
    closer.start();
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (closer.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(closer.getState()).isEqualTo(Thread.State.TIMED_WAITING);
    release.countDown();
    closer.join();
    RunDetail closed = first.history().detail(id).orElseThrow();
    assertThat(closed.task("root").get().state()).isEqualTo(TaskState.SUCCEEDED);
    long succeededLeaves =
        closed.tasks().stream()
            .filter(task -> task.name().startsWith("leaf"))
            .filter(task -> task.state() == TaskState.SUCCEEDED)
            .count();
    // Close drained the running attempts; the leaves it never started are READY or RUNNING
    // (claimed, not started), and each of them is either counted here or recorded SUCCEEDED.
    assertThat(leaves.get()).isEqualTo((int) succeededLeaves);
    assertThat(closed.tasks().stream().filter(task -> !task.state().isFinal()).count())
        .isEqualTo(50 - succeededLeaves);
    int runBeforeReopen = leaves.get();

    try (Hypha second = engine.open(file)) {
      second.bind(flow, flow).run(id).await(WAIT);
    }
    assertThat(leaves.get()).isEqualTo(50);
    assertThat(runBeforeReopen).isLessThan(50);
  }

  @EngineKind.All
  void runsOfAnotherFlowVersionAreLeftAloneButStayReadable(EngineKind engine) throws Exception {
    Path file = dir.resolve("h.db");
    CountDownLatch started = new CountDownLatch(1);
    LambdaFlow v1 = chain(new ConcurrentHashMap<>(), new CopyOnWriteArrayList<>(), started, true);
    Hypha first = engine.builder(file).shutdownGrace(Duration.ofMillis(50)).open();
    RunId id = first.bind(v1, v1).start(1).id();
    started.await();
    first.close();

    AtomicInteger executions = new AtomicInteger();
    LambdaFlow v2 =
        LambdaFlow.builder("recoverable")
            .input(INT)
            .task("first", INT, args -> executions.incrementAndGet())
            .task("renamed", INT, args -> executions.incrementAndGet(), "first")
            .build();
    try (Hypha second = engine.open(file)) {
      second.bind(v2, v2);
      RunDetail detail = second.history().detail(id).orElseThrow();
      assertThat(detail.state()).isEqualTo(RunState.RUNNING);
      assertThat(detail.summary().shapeHash()).isEqualTo(v1.descriptor().shapeHash());
      if (engine.shared()) {
        // A shared store writes every task's row when the run starts.
        assertThat(detail.tasks())
            .extracting(TaskRecord::name)
            .containsExactly("first", "second", "third");
        assertThat(detail.task("third").get().state()).isEqualTo(TaskState.PENDING);
      } else {
        // Only tasks that left PENDING have rows, and this code no longer knows the old shape.
        assertThat(detail.tasks()).extracting(TaskRecord::name).containsExactly("first", "second");
      }
      assertThat(executions).hasValue(0);
    }
  }
}
