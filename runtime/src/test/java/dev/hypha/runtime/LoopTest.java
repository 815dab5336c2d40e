package dev.hypha.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hypha.runtime.spi.RetryPolicy;
import dev.hypha.runtime.spi.TaskDescriptor;
import dev.hypha.runtime.spi.TypeRef;
import dev.hypha.runtime.testing.LambdaFlow;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loops: a task runs again with the state each iteration hands on until one is done; each iteration
 * is a recorded row with its step as output; a failed iteration is retried as any attempt; a loop
 * not done within its most iterations fails; a run stopped mid-loop goes on at the iteration it was
 * in.
 */
class LoopTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final TypeRef<Integer> INT = TypeRef.of(Integer.class);
  private static final TypeRef<String> STRING = TypeRef.of(String.class);

  @TempDir Path dir;

  /** Draft: a number to raise until it reaches the target (the input). */
  record Draft(int value, List<String> notes) {}

  /**
   * start -> refine (loop from start's draft: +1 per iteration until value >= target) -> publish.
   * Iteration {@code flaky} fails once; from value {@code holdFrom} iterations wait on {@code
   * hold}.
   */
  static LambdaFlow refining(
      Map<Integer, AtomicInteger> calls, int max, int flaky, CountDownLatch hold, int holdFrom) {
    return refining(calls, max, flaky, -1, hold, holdFrom);
  }

  static LambdaFlow refining(
      Map<Integer, AtomicInteger> calls,
      int max,
      int flaky,
      int failing,
      CountDownLatch hold,
      int holdFrom) {
    return LambdaFlow.builder("refining")
        .input(INT)
        .task(
            TaskDescriptor.builder("start", TypeRef.of(Draft.class)).build(),
            args -> new Draft(0, List.of()))
        .task(
            TaskDescriptor.builder("refine", STRING)
                .dependsOn("start")
                .loop("start", TypeRef.of(Draft.class), max)
                .retry(
                    new RetryPolicy(
                        2,
                        Duration.ofMillis(1),
                        1.0,
                        Duration.ofMillis(1),
                        0.0,
                        List.of(),
                        List.of()))
                .build(),
            args -> {
              Draft draft = args.element();
              int attempt =
                  calls.computeIfAbsent(draft.value(), k -> new AtomicInteger()).incrementAndGet();
              if (draft.value() >= holdFrom) {
                hold.await();
              }
              if (draft.value() == failing) {
                throw new IllegalStateException("draft " + draft.value() + " torn");
              }
              if (draft.value() == flaky && attempt == 1) {
                throw new IllegalStateException("draft " + draft.value() + " smudged, once");
              }
              int target = args.<Integer>input();
              if (draft.value() >= target) {
                return Step.done("final " + draft.value() + " " + draft.notes());
              }
              List<String> notes = new java.util.ArrayList<>(draft.notes());
              notes.add("v" + (draft.value() + 1));
              return Step.again(new Draft(draft.value() + 1, notes));
            })
        .task(
            TaskDescriptor.builder("publish", STRING).dependsOn("refine").build(),
            args -> "published " + args.<String>output(1))
        .result(STRING)
        .build();
  }

  private static final CountDownLatch OPEN = new CountDownLatch(0);

  @EngineKind.All
  void aLoopRunsUntilAnIterationIsDoneEachIterationRecorded(EngineKind engine) {
    Map<Integer, AtomicInteger> calls = new ConcurrentHashMap<>();
    LambdaFlow flow = refining(calls, 10, 2, OPEN, Integer.MAX_VALUE);
    try (Hypha hypha = engine.open(dir.resolve("h.db"))) {
      Run<Object> run = hypha.bind(flow, flow).start(3);
      assertThat(run.await(WAIT)).isEqualTo("published final 3 [v1, v2, v3]");
      RunDetail detail = run.detail();
      TaskRecord refine = detail.task("refine").orElseThrow();
      assertThat(refine.state()).isEqualTo(TaskState.SUCCEEDED);
      assertThat(refine.outputJson()).hasValue("\"final 3 [v1, v2, v3]\"");
      assertThat(detail.task("refine[0]").orElseThrow().outputJson())
          .hasValue("{\"again\":{\"value\":1,\"notes\":[\"v1\"]}}");
      TaskRecord flaky = detail.task("refine[2]").orElseThrow();
      assertThat(flaky.attempt()).isEqualTo(2);
      assertThat(flaky.failures()).hasSize(1);
      assertThat(detail.task("refine[3]").orElseThrow().outputJson())
          .hasValue("{\"done\":\"final 3 [v1, v2, v3]\"}");
      assertThat(detail.task("refine[4]")).isEmpty();
      assertThat(calls.get(0)).hasValue(1);
      assertThat(calls.get(2)).hasValue(2);
    }
  }

  @EngineKind.All
  void aLoopThatIsDoneAtOnceRunsOneIteration(EngineKind engine) {
    LambdaFlow flow = refining(new ConcurrentHashMap<>(), 10, -1, OPEN, Integer.MAX_VALUE);
    try (Hypha hypha = engine.open(dir.resolve("h.db"))) {
      Run<Object> run = hypha.bind(flow, flow).start(0);
      assertThat(run.await(WAIT)).isEqualTo("published final 0 []");
      assertThat(run.detail().task("refine[1]")).isEmpty();
    }
  }

  @EngineKind.All
  void aLoopNotDoneWithinItsMostIterationsFailsNamingTheFix(EngineKind engine) {
    LambdaFlow flow = refining(new ConcurrentHashMap<>(), 3, -1, OPEN, Integer.MAX_VALUE);
    try (Hypha hypha = engine.open(dir.resolve("h.db"))) {
      Run<Object> run = hypha.bind(flow, flow).start(10);
      assertThatThrownBy(() -> run.await(WAIT)).isInstanceOf(RunFailedException.class);
      RunDetail detail = run.detail();
      TaskRecord refine = detail.task("refine").orElseThrow();
      assertThat(refine.state()).isEqualTo(TaskState.FAILED);
      assertThat(refine.error().orElseThrow().message())
          .isEqualTo(
              "loop refine was not done after 3 iterations, its @Loop(max); return Step.done(result)"
                  + " sooner, or raise max");
      assertThat(detail.task("refine[2]").orElseThrow().state()).isEqualTo(TaskState.SUCCEEDED);
      assertThat(detail.task("refine[3]")).isEmpty();
      assertThat(detail.task("publish").orElseThrow().state()).isEqualTo(TaskState.SKIPPED);
    }
  }

  /** Stopped while iteration 2 runs; after a restart iterations 0 and 1 do not run again. */
  @EngineKind.All
  void aRunStoppedMidLoopGoesOnAtTheIterationItWasIn(EngineKind engine) throws Exception {
    Path file = dir.resolve("h.db");
    Map<Integer, AtomicInteger> calls = new ConcurrentHashMap<>();
    CountDownLatch never = new CountDownLatch(1);
    RunId id;
    Hypha first = engine.builder(file).shutdownGrace(Duration.ofMillis(50)).open();
    try {
      LambdaFlow held = refining(calls, 10, -1, never, 2);
      id = first.bind(held, held).start(4).id();
      Waits.until(() -> calls.containsKey(2), "iteration 2 to begin");
    } finally {
      first.close();
      never.countDown();
    }
    try (Hypha second = engine.open(file)) {
      LambdaFlow flow = refining(calls, 10, -1, OPEN, Integer.MAX_VALUE);
      Run<Object> run = second.bind(flow, flow).run(id);
      assertThat(run.await(WAIT)).isEqualTo("published final 4 [v1, v2, v3, v4]");
      assertThat(run.detail().task("refine[4]").orElseThrow().state())
          .isEqualTo(TaskState.SUCCEEDED);
    }
    assertThat(calls.get(0)).hasValue(1);
    assertThat(calls.get(1)).hasValue(1);
    assertThat(calls.get(2)).hasValue(2); // caught running: at-least-once
    assertThat(calls.get(3)).hasValue(1);
  }

  @EngineKind.All
  void anIterationThatFailsForGoodFailsTheLoopAndSkipsWhatFollows(EngineKind engine) {
    Map<Integer, AtomicInteger> calls = new ConcurrentHashMap<>();
    LambdaFlow flow = refining(calls, 10, -1, 2, OPEN, Integer.MAX_VALUE);
    try (Hypha hypha = engine.open(dir.resolve("h.db"))) {
      Run<Object> run = hypha.bind(flow, flow).start(5);
      assertThatThrownBy(() -> run.await(WAIT))
          .isInstanceOf(RunFailedException.class)
          .hasMessageContaining("refine[2]");
      RunDetail detail = run.detail();
      TaskRecord refine = detail.task("refine").orElseThrow();
      assertThat(refine.state()).isEqualTo(TaskState.FAILED);
      assertThat(refine.error().orElseThrow().message()).isEqualTo("draft 2 torn");
      assertThat(detail.task("refine[2]").orElseThrow().attempt()).isEqualTo(2);
      assertThat(detail.task("refine[3]")).isEmpty();
      assertThat(detail.task("publish").orElseThrow().state()).isEqualTo(TaskState.SKIPPED);
      assertThat(calls.get(2)).hasValue(2);
    }
  }
}
