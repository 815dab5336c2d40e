package dev.hypha.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hypha.runtime.spi.FlowDefinition;
import dev.hypha.runtime.spi.FlowDescriptor;
import dev.hypha.runtime.spi.TaskArguments;
import dev.hypha.runtime.spi.TaskDescriptor;
import dev.hypha.runtime.spi.TaskOutputs;
import dev.hypha.runtime.spi.TypeRef;
import dev.hypha.runtime.testing.LambdaFlow;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sub-flows: a task that returns a {@link SubFlow} starts a child run (keyed by its parent run and
 * task, so started once), holds no slot while it runs, and ends with the child: with its result as
 * the task's output, or failed with its error. Cancelling the parent cancels the child; a restart
 * in the middle finds the child again instead of starting another. On every engine.
 */
class SubFlowTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final TypeRef<Integer> INT = TypeRef.of(Integer.class);
  private static final TypeRef<String> STRING = TypeRef.of(String.class);

  @TempDir Path dir;

  /**
   * billing(amount): charge (fails for a negative amount; waits on {@code hold} when it is 13) then
   * confirm, whose result is "invoice for <amount>".
   */
  static LambdaFlow billing(Map<String, AtomicInteger> calls, CountDownLatch hold) {
    return LambdaFlow.builder("billing")
        .input(INT)
        .task(
            "charge",
            INT,
            args -> {
              count(calls, "charge");
              int amount = args.<Integer>input();
              if (amount < 0) {
                throw new IllegalArgumentException("cannot charge " + amount);
              }
              if (amount == 13) {
                hold.await();
              }
              return amount;
            })
        .task(
            "confirm",
            STRING,
            args -> {
              count(calls, "confirm");
              return "invoice for " + args.<Integer>output(0);
            },
            "charge")
        .result(STRING)
        .build();
  }

  /** checkout(n): load (n) -> bill, a billing child of n, -> send ("sent " + invoice). */
  static LambdaFlow checkout(
      FlowDefinition<?, Object, Object> billing, Map<String, AtomicInteger> calls) {
    return LambdaFlow.builder("checkout")
        .input(INT)
        .task("load", INT, args -> args.<Integer>input())
        .task(
            TaskDescriptor.builder("bill", STRING).dependsOn("load").subFlow().build(),
            args -> {
              count(calls, "bill");
              return SubFlow.of(billing, (Object) args.<Integer>output(0));
            })
        .task("send", STRING, args -> "sent " + args.<String>output(1), "bill")
        .result(STRING)
        .build();
  }

  private static void count(Map<String, AtomicInteger> calls, String task) {
    calls.computeIfAbsent(task, key -> new AtomicInteger()).incrementAndGet();
  }

  private static final CountDownLatch OPEN = new CountDownLatch(0);

  /** The child run of {@code parent}'s task bill, found through the parent's row. */
  private static RunId childOf(Hypha hypha, RunId parent) {
    String json =
        hypha
            .history()
            .detail(parent)
            .orElseThrow()
            .task("bill")
            .orElseThrow()
            .inputJson()
            .orElseThrow();
    return RunId.of(json.substring(1, json.length() - 1));
  }

  @EngineKind.All
  void theChildsResultIsTheTasksOutputAndTheRunsAreLinked(EngineKind engine) {
    Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    LambdaFlow billing = billing(calls, OPEN);
    LambdaFlow checkout = checkout(billing, calls);
    try (Hypha hypha = engine.open(dir.resolve("h.db"))) {
      hypha.bind(billing, billing); // a shared store's worker hosts the flows bound to it
      Run<Object> run = hypha.bind(checkout, checkout).start(40);
      assertThat(run.await(WAIT)).isEqualTo("sent invoice for 40");
      TaskRecord bill = run.detail().task("bill").orElseThrow();
      assertThat(bill.state()).isEqualTo(TaskState.SUCCEEDED);
      assertThat(bill.outputJson()).hasValue("\"invoice for 40\"");
      // On a shared store, a second attempt collected the child's end (the method ran once).
      assertThat(bill.attempt()).isEqualTo(engine.shared() ? 2 : 1);
      RunId child = childOf(hypha, run.id());
      RunDetail billed = hypha.history().detail(child).orElseThrow();
      assertThat(billed.summary().flow()).isEqualTo("billing");
      assertThat(billed.state()).isEqualTo(RunState.SUCCEEDED);
      assertThat(billed.resultJson()).hasValue("\"invoice for 40\"");
      assertThat(billed.inputJson()).isEqualTo("40");
      assertThat(hypha.history().count(RunQuery.builder().flow("billing").build())).isEqualTo(1);
      assertThat(calls.get("bill")).hasValue(1);
      assertThat(calls.get("charge")).hasValue(1);
    }
  }

  @EngineKind.All
  void aFailedChildFailsTheTaskWithItsErrorAndSkipsWhatNeedsIt(EngineKind engine) {
    LambdaFlow billing = billing(new ConcurrentHashMap<>(), OPEN);
    LambdaFlow checkout = checkout(billing, new ConcurrentHashMap<>());
    try (Hypha hypha = engine.open(dir.resolve("h.db"))) {
      hypha.bind(billing, billing);
      Run<Object> run = hypha.bind(checkout, checkout).start(-5);
      assertThatThrownBy(() -> run.await(WAIT))
          .isInstanceOf(RunFailedException.class)
          .hasMessageContaining("bill");
      RunDetail detail = run.detail();
      TaskRecord bill = detail.task("bill").orElseThrow();
      assertThat(bill.state()).isEqualTo(TaskState.FAILED);
      TaskError error = bill.error().orElseThrow();
      assertThat(error.type()).isEqualTo(IllegalArgumentException.class.getName());
      assertThat(error.message())
          .contains("the child run " + childOf(hypha, run.id()) + " of flow billing failed")
          .contains("task charge: cannot charge -5");
      assertThat(detail.task("send").orElseThrow().state()).isEqualTo(TaskState.SKIPPED);
      assertThat(hypha.history().detail(childOf(hypha, run.id())).orElseThrow().state())
          .isEqualTo(RunState.FAILED);
    }
  }

  @EngineKind.All
  void cancellingTheParentCancelsTheChild(EngineKind engine) {
    Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    CountDownLatch hold = new CountDownLatch(1);
    LambdaFlow billing = billing(calls, hold);
    LambdaFlow checkout = checkout(billing, calls);
    try (Hypha hypha =
        engine.builder(dir.resolve("h.db")).shutdownGrace(Duration.ofMillis(50)).open()) {
      hypha.bind(billing, billing);
      Run<Object> run = hypha.bind(checkout, checkout).start(13);
      Waits.until(() -> calls.containsKey("charge"), "the child to charge");
      RunId child = childOf(hypha, run.id());
      assertThat(run.cancel()).isTrue();
      assertThatThrownBy(() -> run.await(WAIT)).isInstanceOf(RunCancelledException.class);
      Waits.until(
          () -> hypha.history().detail(child).orElseThrow().state() == RunState.CANCELLED,
          "the child to be cancelled");
      assertThat(run.detail().task("bill").orElseThrow().state()).isEqualTo(TaskState.CANCELLED);
    } finally {
      hold.countDown();
    }
  }

  @EngineKind.All
  void aRestartFindsTheChildAgainAndStartsNoOther(EngineKind engine) throws Exception {
    Path file = dir.resolve("h.db");
    Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    CountDownLatch never = new CountDownLatch(1);
    RunId id;
    Hypha first = engine.builder(file).shutdownGrace(Duration.ofMillis(50)).open();
    try {
      LambdaFlow billing = billing(calls, never);
      first.bind(billing, billing);
      LambdaFlow checkout = checkout(billing, calls);
      id = first.bind(checkout, checkout).start(13).id();
      Waits.until(() -> calls.containsKey("charge"), "the child to charge");
    } finally {
      first.close();
    }
    RunId child;
    try (Hypha second = engine.open(file)) {
      LambdaFlow billing = billing(calls, OPEN);
      second.bind(billing, billing);
      LambdaFlow checkout = checkout(billing, calls);
      Run<Object> run = second.bind(checkout, checkout).run(id);
      assertThat(run.await(WAIT)).isEqualTo("sent invoice for 13");
      child = childOf(second, id);
      assertThat(second.history().count(RunQuery.builder().flow("billing").build()))
          .as("one child, found again")
          .isEqualTo(1);
      assertThat(second.history().detail(child).orElseThrow().state())
          .isEqualTo(RunState.SUCCEEDED);
    }
    // Embedded, the task's attempt cut short runs again and finds its child; on a shared store the
    // task waits for its child without a lease, and is not run again.
    assertThat(calls.get("bill")).hasValue(engine.shared() ? 1 : 2);
    assertThat(calls.get("confirm")).hasValue(1);
  }

  /**
   * {@code flow} as the definition of a flow class whose constructor takes arguments: it has no
   * instance unless the application binds one.
   */
  static FlowDefinition<LambdaFlow, Object, Object> noInstance(LambdaFlow flow) {
    return new FlowDefinition<>() {
      @Override
      public FlowDescriptor descriptor() {
        return flow.descriptor();
      }

      @Override
      public Class<LambdaFlow> flowClass() {
        return LambdaFlow.class;
      }

      @Override
      public Optional<LambdaFlow> newInstance() {
        return Optional.empty();
      }

      @Override
      public Object invoke(LambdaFlow ignored, int taskIndex, TaskArguments arguments)
          throws Exception {
        return flow.invoke(flow, taskIndex, arguments);
      }

      @Override
      public Object result(TaskOutputs outputs) {
        return flow.result(outputs);
      }
    };
  }

  @EngineKind.Embedded
  void afterARestartATaskWhoseChildsFlowIsNotBoundYetWaitsForIt(EngineKind engine)
      throws Exception {
    Path file = dir.resolve("h.db");
    Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    CountDownLatch never = new CountDownLatch(1);
    RunId id;
    Hypha first = engine.builder(file).shutdownGrace(Duration.ofMillis(50)).open();
    try {
      LambdaFlow billing = billing(calls, never);
      first.bind(noInstance(billing), billing);
      LambdaFlow checkout = checkout(noInstance(billing), calls);
      id = first.bind(checkout, checkout).start(13).id();
      Waits.until(() -> calls.containsKey("charge"), "the child to charge");
    } finally {
      first.close();
    }
    try (Hypha second = engine.open(file)) {
      LambdaFlow billing = billing(calls, OPEN);
      LambdaFlow checkout = checkout(noInstance(billing), calls);
      // The parent first: its task finds its child in the store and waits for it.
      Run<Object> run = second.bind(checkout, checkout).run(id);
      Waits.until(() -> calls.get("bill").get() == 2, "the parent's task to run again");
      assertThat(run.state()).isEqualTo(RunState.RUNNING);
      second.bind(noInstance(billing), billing);
      assertThat(run.await(WAIT)).isEqualTo("sent invoice for 13");
      assertThat(second.history().count(RunQuery.builder().flow("billing").build())).isEqualTo(1);
    }
  }

  /**
   * Embedded only: the engine binds a child's flow itself when it can. On a shared store the child
   * is inserted all the same and waits, visibly, for a worker that hosts its flow.
   */
  @EngineKind.Embedded
  void aChildFlowThatCannotBeBoundFailsTheTaskNamingTheFix(EngineKind engine) {
    LambdaFlow billing = billing(new ConcurrentHashMap<>(), OPEN);
    FlowDefinition<LambdaFlow, Object, Object> unbindable = noInstance(billing);
    LambdaFlow checkout = checkout(unbindable, new ConcurrentHashMap<>());
    try (Hypha hypha = engine.open(dir.resolve("h.db"))) {
      Run<Object> run = hypha.bind(checkout, checkout).start(1);
      assertThatThrownBy(() -> run.await(WAIT)).isInstanceOf(RunFailedException.class);
      assertThat(run.detail().task("bill").orElseThrow().error().orElseThrow().message())
          .contains("flow billing")
          .contains("bind");
    }
  }

  /**
   * Embedded only: run deadlines. The parent's deadline fails its waiting task and cancels the
   * child.
   */
  @EngineKind.Embedded
  void theParentsDeadlineCancelsItsChild(EngineKind engine) {
    Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    CountDownLatch hold = new CountDownLatch(1);
    LambdaFlow billing = billing(calls, hold);
    LambdaFlow late =
        LambdaFlow.builder("late-checkout")
            .deadline(Duration.ofMillis(500))
            .input(INT)
            .task(
                TaskDescriptor.builder("bill", STRING).subFlow().build(),
                args -> SubFlow.of(billing, (Object) args.<Integer>input()))
            .build();
    try (Hypha hypha =
        engine.builder(dir.resolve("h.db")).shutdownGrace(Duration.ofMillis(50)).open()) {
      hypha.bind(billing, billing);
      Run<Object> run = hypha.bind(late, late).start(13);
      assertThatThrownBy(() -> run.await(WAIT))
          .isInstanceOf(RunFailedException.class)
          .hasMessageContaining(RunDeadlineExceededException.class.getName());
      assertThat(run.detail().task("bill").orElseThrow().state()).isEqualTo(TaskState.FAILED);
      RunId child = childOf(hypha, run.id());
      Waits.until(
          () -> hypha.history().detail(child).orElseThrow().state() == RunState.CANCELLED,
          "the child to be cancelled");
    } finally {
      hold.countDown();
    }
  }
}
