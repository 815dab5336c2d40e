package dev.hypha.samples.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.hypha.runtime.Hypha;
import dev.hypha.runtime.Run;
import dev.hypha.runtime.RunDetail;
import dev.hypha.runtime.RunFailedException;
import dev.hypha.runtime.RunId;
import dev.hypha.runtime.RunQuery;
import dev.hypha.runtime.RunState;
import dev.hypha.runtime.RunSummary;
import dev.hypha.runtime.TaskKind;
import dev.hypha.runtime.TaskRecord;
import dev.hypha.runtime.TaskState;
import dev.hypha.samples.ChildJvm;
import dev.hypha.samples.EngineKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A process that dies in the middle of a run's compensations: the next process goes on where it
 * died. The compensation recorded SUCCEEDED is not run again, the one caught RUNNING runs again,
 * the one not started yet runs once, all in reverse dependency order.
 */
class CompensationCrashTest {
  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void compensationsInterruptedByACrashEachEndSucceededExactlyOnce(EngineKind engine)
      throws Exception {
    Path database = dir.resolve("rollback.db");
    Path log = dir.resolve("side-effects.log");
    try (ChildJvm child =
        ChildJvm.start(RollbackWorker.class, database.toString(), log.toString(), engine.name())) {
      assertThat(child.waitFor(60_000)).as(child.output()).isEqualTo(137);
      assertThat(child.output()).contains("halting in undo-two").doesNotContain("not halted");
    }
    assertThat(SideEffectLog.read(log))
        .containsExactly(
            "undo-three 1 gen-1 start 13",
            "undo-three 1 gen-1 done 13",
            "undo-two 1 gen-1 start 12");

    try (Hypha hypha = engine.open(database)) {
      // Read before the flow is bound, i.e. before this process takes the run up.
      List<RunSummary> runs = hypha.history().find(RunQuery.builder().build()).items();
      assertThat(runs).hasSize(1);
      RunId runId = runs.get(0).id();
      RunDetail killed = hypha.history().detail(runId).orElseThrow();
      assertThat(killed.state()).isEqualTo(RunState.RUNNING);
      assertThat(killed.task("compensate:three").get().state()).isEqualTo(TaskState.SUCCEEDED);
      assertThat(killed.task("compensate:two").get().state()).isEqualTo(TaskState.RUNNING);
      assertThat(killed.task("compensate:one")).isEmpty();

      RollbackFlow flow =
          RollbackFlow.bind(hypha, new Rollback(new SideEffectLog(log), "gen-2", false));
      Run<?> run = flow.run(runId);
      assertThatThrownBy(() -> run.await(Duration.ofSeconds(30)))
          .isInstanceOfSatisfying(
              RunFailedException.class,
              failed -> assertThat(failed.error().task()).isEqualTo("fail"));

      RunDetail detail = run.detail();
      List<TaskRecord> compensations =
          detail.tasks().stream()
              .filter(row -> row.kind() == TaskKind.COMPENSATION)
              .sorted(Comparator.comparing(row -> row.finishedAt().get()))
              .toList();
      assertThat(compensations)
          .extracting(TaskRecord::name, TaskRecord::state, TaskRecord::attempt)
          .containsExactly(
              tuple("compensate:three", TaskState.SUCCEEDED, 1),
              tuple("compensate:two", TaskState.SUCCEEDED, 2),
              tuple("compensate:one", TaskState.SUCCEEDED, 1));
      assertThat(detail.task("on-failure:report").get().state()).isEqualTo(TaskState.SUCCEEDED);
      assertThat(detail.task("on-failure:report").get().startedAt().get())
          .isAfterOrEqualTo(detail.task("compensate:one").get().finishedAt().get());
    }

    List<String> effects = SideEffectLog.read(log);
    assertThat(effects)
        .containsExactly(
            "undo-three 1 gen-1 start 13",
            "undo-three 1 gen-1 done 13",
            "undo-two 1 gen-1 start 12",
            "undo-two 2 gen-2 start 12",
            "undo-two 2 gen-2 done 12",
            "undo-one 1 gen-2 start 11",
            "undo-one 1 gen-2 done 11",
            "report 1 gen-2 done");
    assertThat(effects.stream().filter(line -> line.contains(" done ")))
        .as("each compensation completed exactly once, in reverse dependency order")
        .extracting(line -> line.substring(0, line.indexOf(' ')))
        .containsExactly("undo-three", "undo-two", "undo-one");
  }
}
