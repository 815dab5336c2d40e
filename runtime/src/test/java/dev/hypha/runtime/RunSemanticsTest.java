package dev.hypha.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hypha.runtime.spi.FlowBinding;
import dev.hypha.runtime.spi.TypeRef;
import dev.hypha.runtime.testing.Graphs;
import dev.hypha.runtime.testing.LambdaFlow;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

class RunSemanticsTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final TypeRef<Integer> INT = TypeRef.of(Integer.class);

  @TempDir Path dir;

  static LambdaFlow diamond() {
    return Graphs.diamond("diamond");
  }

  /** first fails; after, which needs it, is skipped. */
  static LambdaFlow failingChain() {
    return LambdaFlow.builder("failing-chain")
        .task(
            "first",
            INT,
            args -> {
              throw new IllegalStateException("broken");
            })
        .task("after", INT, args -> 1, "first")
        .build();
  }

  @EngineKind.All
  void aDiamondRunsEveryTaskOnceAndReturnsTheSinkOutput(EngineKind engine) {
    LambdaFlow flow = diamond();
    try (Hypha hypha = engine.open(dir.resolve("h.db"))) {
      FlowBinding<Object, Object> binding = hypha.bind(flow, flow);
      Run<Object> run = binding.start(4);
      assertThat(run.await(WAIT)).isEqualTo(16);
      assertThat(run.state()).isEqualTo(RunState.SUCCEEDED);
      assertThat(run.resultNow()).contains(16);

      RunDetail detail = run.detail();
      assertThat(detail.state()).isEqualTo(RunState.SUCCEEDED);
      assertThat(detail.tasks()).extracting(TaskRecord::name).containsExactly("a", "b", "c", "d");
      assertThat(detail.tasks())
          .allSatisfy(
              task -> {
                assertThat(task.state()).isEqualTo(TaskState.SUCCEEDED);
                assertThat(task.attempt()).isEqualTo(1);
                assertThat(task.worker()).contains("test-worker");
                assertThat(task.readyAt()).isPresent();
                assertThat(task.startedAt().get()).isAfterOrEqualTo(task.readyAt().get());
                assertThat(task.finishedAt().get()).isAfterOrEqualTo(task.startedAt().get());
              });
      assertThat(detail.task("d").get().outputJson()).contains("16");
      assertThat(detail.task("d").get().readyAt().get())
          .isAfterOrEqualTo(detail.task("b").get().finishedAt().get())
          .isAfterOrEqualTo(detail.task("c").get().finishedAt().get());
      assertThat(detail.inputJson()).isEqualTo("4");
      assertThat(detail.resultJson()).contains("16");
      assertThat(detail.summary().finishedAt()).isPresent();
    }
  }

  @EngineKind.All
  void aFailedTaskSkipsItsDependentsWhileIndependentBranchesFinish(EngineKind engine) {
    LambdaFlow flow =
        LambdaFlow.builder("branches")
            .task("root", INT, args -> 1)
            .task(
                "bad",
                INT,
                args -> {
                  throw new IllegalStateException("card declined");
                },
                "root")
            .task("afterBad", INT, args -> 2, "bad")
            .task("afterAfterBad", INT, args -> 3, "afterBad")
            .task(
                "good",
                INT,
                args -> {
                  Thread.sleep(50);
                  return 4;
                },
                "root")
            .task("afterGood", INT, args -> args.<Integer>output(4) + 1, "good")
            .build();
    try (Hypha hypha = engine.open(dir.resolve("h.db"))) {
      Run<Object> run = hypha.bind(flow, flow).start(null);
      assertThatThrownBy(() -> run.await(WAIT))
          .isInstanceOf(RunFailedException.class)
          .hasMessageContaining("task bad threw java.lang.IllegalStateException: card declined")
          .satisfies(
              e -> {
                TaskError error = ((RunFailedException) e).error();
                assertThat(error.task()).isEqualTo("bad");
                assertThat(error.stackTrace()).contains("card declined").contains("at ");
              });
      RunDetail detail = run.detail();
      assertThat(detail.state()).isEqualTo(RunState.FAILED);
      assertThat(states(detail))
          .containsExactly(
              Map.entry("root", TaskState.SUCCEEDED),
              Map.entry("bad", TaskState.FAILED),
              Map.entry("afterBad", TaskState.SKIPPED),
              Map.entry("afterAfterBad", TaskState.SKIPPED),
              Map.entry("good", TaskState.SUCCEEDED),
              Map.entry("afterGood", TaskState.SUCCEEDED));
      assertThat(detail.task("bad").get().error().get().type())
          .isEqualTo("java.lang.IllegalStateException");
      assertThat(detail.summary().error().get().task()).isEqualTo("bad");
      assertThat(detail.task("afterBad").get().attempt()).isZero();
    }
  }

  @EngineKind.All
  void anOutputThatCannotBeSerialisedFailsItsTaskWithAClearError(EngineKind engine) {
    LambdaFlow flow =
        LambdaFlow.builder("unserialisable")
            .task("make", TypeRef.of(Object.class), args -> new Object())
            .build();
    try (Hypha hypha = engine.open(dir.resolve("h.db"))) {
      Run<Object> run = hypha.bind(flow, flow).start(null);
      assertThatThrownBy(() -> run.await(WAIT)).isInstanceOf(RunFailedException.class);
      TaskError error = run.detail().task("make").get().error().get();
      assertThat(error.type()).isEqualTo(OutputNotSerializableException.class.getName());
      assertThat(error.message())
          .contains("task make of flow unserialisable returned a java.lang.Object")
          .contains("cannot be written as JSON");
    }
  }

  @EngineKind.All
  void manyRunsProgressAtOnce(EngineKind engine) {
    LambdaFlow flow = diamond();
    try (Hypha hypha = engine.open(dir.resolve("h.db"))) {
      FlowBinding<Object, Object> binding = hypha.bind(flow, flow);
      List<Run<Object>> runs =
          java.util.stream.IntStream.range(0, 200).mapToObj(binding::start).toList();
      for (int i = 0; i < runs.size(); i++) {
        assertThat(runs.get(i).await(WAIT)).isEqualTo(Graphs.diamondResult(i));
      }
      assertThat(
              hypha
                  .history()
                  .find(RunQuery.builder().state(RunState.SUCCEEDED).limit(1000).build())
                  .items())
          .hasSize(200);
    }
  }

  static Map<String, TaskState> states(RunDetail detail) {
    Map<String, TaskState> states = new java.util.LinkedHashMap<>();
    detail.tasks().forEach(task -> states.put(task.name(), task.state()));
    return states;
  }
}
