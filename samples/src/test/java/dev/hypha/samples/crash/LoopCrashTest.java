package dev.hypha.samples.crash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hypha.runtime.Hypha;
import dev.hypha.runtime.Run;
import dev.hypha.runtime.RunDetail;
import dev.hypha.runtime.RunId;
import dev.hypha.runtime.RunQuery;
import dev.hypha.runtime.RunState;
import dev.hypha.runtime.RunSummary;
import dev.hypha.runtime.TaskRecord;
import dev.hypha.runtime.TaskState;
import dev.hypha.samples.ChildJvm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A process killed with SIGKILL mid-loop (iterations 0 to 2 recorded, iteration 3 in its first
 * attempt): the next process goes on at iteration 3, runs it again as its second attempt, never
 * runs a recorded iteration again, and ends the loop with its result. On the embedded engines and
 * on shared stores.
 */
class LoopCrashTest {
  @TempDir Path dir;

  static List<String> kinds() {
    return FanOutCrashTest.kinds();
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void aLoopKilledMidIterationGoesOnAtTheIterationItWasIn(String kind) throws Exception {
    boolean shared = kind.startsWith("SHARED");
    String store =
        shared
            ? dev.hypha.runtime.testing.SharedStores.fresh(kind.substring("SHARED ".length()), dir)
            : dir.resolve("countdown.db").toString();
    String engine = shared ? "SHARED" : kind;
    Path log = dir.resolve("side-effects.log");
    try (ChildJvm child =
        ChildJvm.start(HalfwayWorker.class, store, log.toString(), engine, "countdown")) {
      assertThat(child.awaitLine("halfway ", 60_000)).as(child.output()).isTrue();
      assertThat(child.kill()).as(child.output()).isEqualTo(137);
    }
    assertThat(SideEffectLog.read(log))
        .containsExactly(
            "tick[0] 1 gen-1", "tick[1] 1 gen-1", "tick[2] 1 gen-1", "tick[3] 1 gen-1");

    try (Hypha hypha = HalfwayWorker.open(engine, store)) {
      List<RunSummary> runs = hypha.history().find(RunQuery.builder().build()).items();
      assertThat(runs).hasSize(1);
      RunId id = runs.get(0).id();
      RunDetail killed = hypha.history().detail(id).orElseThrow();
      assertThat(killed.state()).isEqualTo(RunState.RUNNING);
      assertThat(killed.task("tick").orElseThrow().state()).isEqualTo(TaskState.RUNNING);
      assertThat(killed.task("tick[2]").flatMap(TaskRecord::outputJson)).hasValue("{\"again\":3}");

      CountdownFlow flow =
          CountdownFlow.bind(hypha, new Countdown(new SideEffectLog(log), "gen-2", 3));
      Run<String> run = flow.run(id);
      assertThat(run.await(Duration.ofSeconds(60))).isEqualTo("lift-off!");
      RunDetail detail = run.detail();
      assertThat(detail.task("tick[3]").orElseThrow().attempt()).isEqualTo(2);
      assertThat(detail.task("tick[6]").flatMap(TaskRecord::outputJson))
          .hasValue("{\"done\":\"lift-off\"}");
      assertThat(detail.task("tick[7]")).isEmpty();
    }
    assertThat(SideEffectLog.read(log))
        .containsExactly(
            "tick[0] 1 gen-1",
            "tick[1] 1 gen-1",
            "tick[2] 1 gen-1",
            "tick[3] 1 gen-1",
            "tick[3] 2 gen-2",
            "tick[4] 1 gen-2",
            "tick[5] 1 gen-2",
            "tick[6] 1 gen-2");
  }
}
