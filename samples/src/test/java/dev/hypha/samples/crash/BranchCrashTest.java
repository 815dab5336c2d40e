package dev.hypha.samples.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.hypha.runtime.Hypha;
import dev.hypha.runtime.Run;
import dev.hypha.runtime.RunDetail;
import dev.hypha.runtime.RunQuery;
import dev.hypha.runtime.RunState;
import dev.hypha.runtime.RunSummary;
import dev.hypha.runtime.SkipReason;
import dev.hypha.runtime.TaskRecord;
import dev.hypha.runtime.TaskState;
import dev.hypha.samples.ChildJvm;
import dev.hypha.samples.EngineKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A process killed inside a branch (the JVM halts, as after {@code kill -9}, in the taken way's
 * second task): the decision and the way not taken are as it committed them, the next process
 * finishes the taken way without deciding again or running the other way, and the join runs once.
 */
class BranchCrashTest {
  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void aRunKilledInsideABranchGoesOnDownTheWayItTook(EngineKind engine) throws Exception {
    Path database = dir.resolve("triage.db");
    Path log = dir.resolve("side-effects.log");
    try (ChildJvm child =
        ChildJvm.start(TriageWorker.class, database.toString(), log.toString(), engine.name())) {
      assertThat(child.waitFor(60_000)).as(child.output()).isEqualTo(137);
      assertThat(child.output()).contains("halting in check").doesNotContain("not halted");
    }
    assertThat(SideEffectLog.read(log))
        .containsExactly("route 1 gen-1", "fast 1 gen-1", "check 1 gen-1 start");

    try (Hypha hypha = engine.open(database)) {
      // Read before the flow is bound, i.e. before this process takes the run up.
      List<RunSummary> runs = hypha.history().find(RunQuery.builder().build()).items();
      assertThat(runs).hasSize(1);
      RunDetail killed = hypha.history().detail(runs.get(0).id()).orElseThrow();
      assertThat(killed.state()).isEqualTo(RunState.RUNNING);
      assertThat(killed.task("route").orElseThrow().state()).isEqualTo(TaskState.SUCCEEDED);
      assertThat(killed.task("fast").orElseThrow().state()).isEqualTo(TaskState.SUCCEEDED);
      assertThat(killed.task("check").orElseThrow().state()).isEqualTo(TaskState.RUNNING);
      assertThat(killed.task("slow").orElseThrow().state()).isEqualTo(TaskState.SKIPPED);
      assertThat(killed.task("slow").orElseThrow().skipReason()).contains(SkipReason.NOT_TAKEN);

      TriageFlow flow = TriageFlow.bind(hypha, new Triage(new SideEffectLog(log), "gen-2", false));
      Run<String> run = flow.run(runs.get(0).id());
      assertThat(run.await(Duration.ofSeconds(30))).isEqualTo("fast 41");
      RunDetail detail = run.detail();
      assertThat(detail.tasks())
          .extracting(TaskRecord::name, TaskRecord::state, TaskRecord::attempt)
          .containsExactly(
              tuple("route", TaskState.SUCCEEDED, 1),
              tuple("fast", TaskState.SUCCEEDED, 1),
              tuple("check", TaskState.SUCCEEDED, 2),
              tuple("slow", TaskState.SKIPPED, 0),
              tuple("report", TaskState.SUCCEEDED, 1));
    }
    assertThat(SideEffectLog.read(log))
        .containsExactly(
            "route 1 gen-1",
            "fast 1 gen-1",
            "check 1 gen-1 start",
            "check 2 gen-2 start",
            "check 2 gen-2 done",
            "report 1 gen-2");
  }
}
