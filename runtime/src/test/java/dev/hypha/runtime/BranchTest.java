package dev.hypha.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hypha.runtime.spi.Guard;
import dev.hypha.runtime.spi.TaskDescriptor;
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
 * Branches: a task behind a guarded edge runs only when its dependency's output takes the edge; one
 * that does not run is SKIPPED as not taken, and so is what needs it; a join that takes the arms
 * optionally runs whichever arm ran. Every combination of taken, not taken and failed, on every
 * engine, and across a restart.
 */
class BranchTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final TypeRef<String> STRING = TypeRef.of(String.class);

  @TempDir Path dir;

  sealed interface Verdict permits Yes, No {}

  record Yes(int amount) implements Verdict {}

  record No(String reason) implements Verdict {}

  /**
   * decide -> approve (Yes) -> archive; decide -> reject (No); notify joins approve and reject.
   * Input "yes 5", "no late", or "yes fail" (approve throws); "boom" makes decide throw.
   */
  static LambdaFlow review(Map<String, AtomicInteger> calls, CountDownLatch hold) {
    return LambdaFlow.builder("review")
        .input(STRING)
        .task(
            TaskDescriptor.builder("decide", TypeRef.of(Verdict.class)).build(),
            args -> {
              count(calls, "decide");
              String input = args.input();
              if (input.equals("boom")) {
                throw new IllegalStateException("no verdict");
              }
              String[] words = input.split(" ");
              return words[0].equals("yes")
                  ? new Yes(words[1].equals("fail") ? -1 : Integer.parseInt(words[1]))
                  : new No(words[1]);
            })
        .task(
            TaskDescriptor.builder("approve", STRING)
                .dependsOn("decide")
                .when("decide", Guard.instanceOf(Yes.class))
                .build(),
            args -> {
              count(calls, "approve");
              Yes yes = args.output(0);
              if (yes.amount() < 0) {
                throw new IllegalStateException("card declined");
              }
              return "paid " + yes.amount();
            })
        .task(
            TaskDescriptor.builder("reject", STRING)
                .dependsOn("decide")
                .when("decide", Guard.instanceOf(No.class))
                .build(),
            args -> {
              count(calls, "reject");
              No no = args.output(0);
              return "sorry: " + no.reason();
            })
        .task(
            TaskDescriptor.builder("archive", STRING).dependsOn("approve").build(),
            args -> {
              count(calls, "archive");
              hold.await();
              return "archived " + args.<String>output(1);
            })
        .task(
            TaskDescriptor.builder("notify", STRING)
                .dependsOn("approve", "reject")
                .optional("approve")
                .optional("reject")
                .build(),
            args -> {
              count(calls, "notify");
              Optional<String> approved = args.optionalOutput(1);
              Optional<String> rejected = args.optionalOutput(2);
              return approved.orElse("-") + " / " + rejected.orElse("-");
            })
        .result(TypeRef.of(Object.class))
        .build();
  }

  private static void count(Map<String, AtomicInteger> calls, String task) {
    calls.computeIfAbsent(task, key -> new AtomicInteger()).incrementAndGet();
  }

  private static final CountDownLatch OPEN = new CountDownLatch(0);

  @EngineKind.All
  void theTakenArmRunsTheOtherIsNotTakenAndTheJoinRuns(EngineKind engine) {
    Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    LambdaFlow flow = review(calls, OPEN);
    try (Hypha hypha = engine.open(dir.resolve("h.db"))) {
      Run<Object> run = hypha.bind(flow, flow).start("yes 5");
      assertThat(run.await(WAIT))
          .isEqualTo(Map.of("archive", "archived paid 5", "notify", "paid 5 / -"));
      RunDetail detail = run.detail();
      assertThat(detail.state()).isEqualTo(RunState.SUCCEEDED);
      assertThat(stateOf(detail, "decide")).isEqualTo("SUCCEEDED");
      assertThat(stateOf(detail, "approve")).isEqualTo("SUCCEEDED");
      assertThat(stateOf(detail, "archive")).isEqualTo("SUCCEEDED");
      assertThat(stateOf(detail, "reject")).isEqualTo("SKIPPED NOT_TAKEN");
      assertThat(stateOf(detail, "notify")).isEqualTo("SUCCEEDED");
      // The decision is recorded: the decider's output names the subtype.
      assertThat(detail.task("decide").get().outputJson())
          .contains("{\"@type\":\"Yes\",\"amount\":5}");
      assertThat(calls).doesNotContainKey("reject");
    }
  }

  @EngineKind.All
  void aNotTakenArmSkipsWhatNeedsItAndTheJoinStillRuns(EngineKind engine) {
    Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    LambdaFlow flow = review(calls, OPEN);
    try (Hypha hypha = engine.open(dir.resolve("h.db"))) {
      Run<Object> run = hypha.bind(flow, flow).start("no late");
      Map<String, Object> expected = new java.util.LinkedHashMap<>();
      expected.put("archive", null);
      expected.put("notify", "- / sorry: late");
      assertThat(run.await(WAIT)).isEqualTo(expected);
      RunDetail detail = run.detail();
      assertThat(detail.state()).isEqualTo(RunState.SUCCEEDED);
      assertThat(stateOf(detail, "approve")).isEqualTo("SKIPPED NOT_TAKEN");
      assertThat(stateOf(detail, "archive")).isEqualTo("SKIPPED NOT_TAKEN");
      assertThat(stateOf(detail, "reject")).isEqualTo("SUCCEEDED");
      assertThat(stateOf(detail, "notify")).isEqualTo("SUCCEEDED");
      assertThat(calls).doesNotContainKeys("approve", "archive");
    }
  }

  @EngineKind.All
  void aFailedArmSkipsItsDependentsAndTheJoinAsUpstreamFailed(EngineKind engine) {
    Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    LambdaFlow flow = review(calls, OPEN);
    try (Hypha hypha = engine.open(dir.resolve("h.db"))) {
      Run<Object> run = hypha.bind(flow, flow).start("yes fail");
      Waits.until(() -> run.state().isFinal(), "the run to end");
      RunDetail detail = run.detail();
      assertThat(detail.state()).isEqualTo(RunState.FAILED);
      assertThat(detail.summary().error().get().message()).contains("card declined");
      assertThat(stateOf(detail, "approve")).isEqualTo("FAILED");
      assertThat(stateOf(detail, "archive")).isEqualTo("SKIPPED UPSTREAM_FAILED");
      assertThat(stateOf(detail, "reject")).isEqualTo("SKIPPED NOT_TAKEN");
      assertThat(stateOf(detail, "notify")).isEqualTo("SKIPPED UPSTREAM_FAILED");
      assertThat(calls).doesNotContainKeys("archive", "reject", "notify");
    }
  }

  @EngineKind.All
  void aFailedDeciderSkipsBothArmsAsUpstreamFailed(EngineKind engine) {
    Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    LambdaFlow flow = review(calls, OPEN);
    try (Hypha hypha = engine.open(dir.resolve("h.db"))) {
      Run<Object> run = hypha.bind(flow, flow).start("boom");
      Waits.until(() -> run.state().isFinal(), "the run to end");
      RunDetail detail = run.detail();
      assertThat(detail.state()).isEqualTo(RunState.FAILED);
      for (String task : new String[] {"approve", "reject", "archive", "notify"}) {
        assertThat(stateOf(detail, task)).as(task).isEqualTo("SKIPPED UPSTREAM_FAILED");
      }
    }
  }

  /** lookup returns an Optional; use runs only when it holds a value; after joins use. */
  static LambdaFlow lookup(Map<String, AtomicInteger> calls) {
    return LambdaFlow.builder("lookup")
        .input(STRING)
        .task(
            "lookup",
            new TypeRef<Optional<String>>() {},
            args -> {
              String input = args.input();
              return input.isEmpty() ? Optional.empty() : Optional.of(input.toUpperCase());
            })
        .task(
            TaskDescriptor.builder("use", STRING)
                .dependsOn("lookup")
                .when("lookup", Guard.present())
                .build(),
            args -> {
              count(calls, "use");
              return "used " + args.<Optional<String>>output(0).orElseThrow();
            })
        .task(
            TaskDescriptor.builder("after", STRING).dependsOn("use").optional("use").build(),
            args -> args.<String>optionalOutput(1).orElse("nothing to use"))
        .build();
  }

  @EngineKind.All
  void anOptionalOutputTakesItsBranchOnlyWhenPresent(EngineKind engine) {
    Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    LambdaFlow flow = lookup(calls);
    try (Hypha hypha = engine.open(dir.resolve("h.db"))) {
      var binding = hypha.bind(flow, flow);
      Run<Object> present = binding.start("ab");
      Run<Object> empty = binding.start("");
      assertThat(present.await(WAIT)).isEqualTo("used AB");
      assertThat(empty.await(WAIT)).isEqualTo("nothing to use");
      assertThat(stateOf(present.detail(), "use")).isEqualTo("SUCCEEDED");
      assertThat(stateOf(empty.detail(), "use")).isEqualTo("SKIPPED NOT_TAKEN");
      assertThat(calls.get("use")).hasValue(1);
    }
  }

  /**
   * A failure reaches a join through a task already skipped as not taken: g needs b (not taken) and
   * f (which fails after the decision), and h joins g but also waits for s. The join is skipped as
   * upstream failed on every engine, as it would be had f failed before the decision.
   */
  @EngineKind.All
  void aFailureSkipsAJoinThroughATaskNotTaken(EngineKind engine) throws Exception {
    CountDownLatch hold = new CountDownLatch(1);
    LambdaFlow flow =
        LambdaFlow.builder("behind")
            .task("a", new TypeRef<Optional<String>>() {}, args -> Optional.empty())
            .task(
                TaskDescriptor.builder("b", STRING)
                    .dependsOn("a")
                    .when("a", Guard.present())
                    .build(),
                args -> "b")
            .task(
                "f",
                STRING,
                args -> {
                  throw new IllegalStateException("f broke");
                },
                "a")
            .task("g", STRING, args -> "g", "b", "f")
            .task(
                "s",
                STRING,
                args -> {
                  hold.await();
                  return "s";
                },
                "a")
            .task(
                TaskDescriptor.builder("h", STRING).dependsOn("g", "s").optional("g").build(),
                args -> "h ran")
            .build();
    try (Hypha hypha = engine.open(dir.resolve("h.db"))) {
      Run<Object> run = hypha.bind(flow, flow).start(null);
      try {
        Waits.until(
            () -> run.detail().task("h").orElseThrow().state().isFinal(), "h to be skipped");
      } finally {
        hold.countDown();
      }
      Waits.until(() -> run.state().isFinal(), "the run to end");
      RunDetail detail = run.detail();
      assertThat(detail.state()).isEqualTo(RunState.FAILED);
      assertThat(stateOf(detail, "b")).isEqualTo("SKIPPED NOT_TAKEN");
      assertThat(stateOf(detail, "g")).isEqualTo("SKIPPED NOT_TAKEN");
      assertThat(stateOf(detail, "h")).isEqualTo("SKIPPED UPSTREAM_FAILED");
      assertThat(stateOf(detail, "s")).isEqualTo("SUCCEEDED");
    } finally {
      hold.countDown();
    }
  }

  /**
   * A run stopped while the taken arm's next task runs goes on after a restart: the arm not taken
   * stays skipped, nothing recorded runs again, and the join runs once.
   */
  @EngineKind.All
  void aRunStoppedInsideAnArmFinishesItsBranchesAfterARestart(EngineKind engine) throws Exception {
    Path file = dir.resolve("h.db");
    Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    CountDownLatch never = new CountDownLatch(1);
    RunId id;
    Hypha first = engine.builder(file).shutdownGrace(Duration.ofMillis(50)).open();
    try {
      LambdaFlow held = review(calls, never);
      id = first.bind(held, held).start("yes 7").id();
      Waits.until(() -> calls.containsKey("archive"), "archive to begin");
      if (engine != EngineKind.SERIAL) { // whose one thread is archive's: notify waits for it
        Waits.until(() -> calls.containsKey("notify"), "notify to run");
        Waits.until(
            () -> first.history().detail(id).orElseThrow().task("notify").get().state().isFinal(),
            "notify to be recorded");
      }
    } finally {
      first.close();
    }
    try (Hypha second = engine.open(file)) {
      LambdaFlow flow = review(calls, OPEN);
      Run<Object> run = second.bind(flow, flow).run(id);
      assertThat(run.await(WAIT))
          .isEqualTo(Map.of("archive", "archived paid 7", "notify", "paid 7 / -"));
      assertThat(stateOf(run.detail(), "reject")).isEqualTo("SKIPPED NOT_TAKEN");
    }
    assertThat(calls.get("decide")).hasValue(1);
    assertThat(calls.get("approve")).hasValue(1);
    assertThat(calls.get("notify")).hasValue(1);
    assertThat(calls.get("archive")).hasValue(2); // caught running: at-least-once
    assertThat(calls).doesNotContainKey("reject");
  }

  /** The state of {@code task}, with the reason when it was skipped. */
  private static String stateOf(RunDetail detail, String task) {
    TaskRecord record = detail.task(task).orElseThrow();
    return record.state() + record.skipReason().map(reason -> " " + reason).orElse("");
  }
}
