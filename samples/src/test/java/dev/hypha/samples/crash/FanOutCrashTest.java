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
import dev.hypha.runtime.testing.SharedStores;
import dev.hypha.samples.ChildJvm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A process killed with SIGKILL while a fan-out is half done (pages 0 to 3 read and recorded, page
 * 5 in its first attempt, the rest not begun): the next process finishes the fan-out without
 * reading a recorded page again, reads page 5 again as its second attempt, and collects every
 * page's output in page order. On the embedded engines and on shared stores (a SQLite file, and
 * PostgreSQL when its variable is set).
 */
class FanOutCrashTest {
  @TempDir Path dir;

  static List<String> kinds() {
    List<String> kinds = new ArrayList<>(List.of("SERIAL", "PARALLEL"));
    SharedStores.kinds().forEach(kind -> kinds.add("SHARED " + kind));
    return kinds;
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void aFanOutKilledHalfWayFinishesWithoutReadingARecordedPageAgain(String kind) throws Exception {
    boolean shared = kind.startsWith("SHARED");
    String store =
        shared
            ? SharedStores.fresh(kind.substring("SHARED ".length()), dir)
            : dir.resolve("scan.db").toString();
    String engine = shared ? "SHARED" : kind;
    Path log = dir.resolve("side-effects.log");
    try (ChildJvm child =
        ChildJvm.start(HalfwayWorker.class, store, log.toString(), engine, "scan")) {
      assertThat(child.awaitLine("halfway ", 60_000)).as(child.output()).isTrue();
      assertThat(child.kill()).as(child.output()).isEqualTo(137);
    }
    List<String> before = SideEffectLog.read(log);
    assertThat(before).contains("pages 1 gen-1", "read[5] 1 gen-1");
    for (int page = 0; page < 4; page++) {
      assertThat(before).containsOnlyOnce("read[" + page + "] 1 gen-1");
    }

    try (Hypha hypha = HalfwayWorker.open(engine, store)) {
      // Read before the flow is bound, i.e. before this process takes the run up.
      List<RunSummary> runs = hypha.history().find(RunQuery.builder().build()).items();
      assertThat(runs).hasSize(1);
      RunId id = runs.get(0).id();
      RunDetail killed = hypha.history().detail(id).orElseThrow();
      assertThat(killed.state()).isEqualTo(RunState.RUNNING);
      assertThat(killed.task("read").orElseThrow().state()).isEqualTo(TaskState.RUNNING);
      assertThat(killed.task("read[5]").orElseThrow().state()).isEqualTo(TaskState.RUNNING);

      ScanFlow flow = ScanFlow.bind(hypha, new Scan(new SideEffectLog(log), "gen-2", 5));
      Run<String> run = flow.run(id);
      assertThat(run.await(Duration.ofSeconds(60))).isEqualTo("10 pages, 450");
      RunDetail detail = run.detail();
      assertThat(detail.task("read").orElseThrow().outputJson())
          .hasValue("[0,10,20,30,40,50,60,70,80,90]");
      TaskRecord held = detail.task("read[5]").orElseThrow();
      assertThat(held.state()).isEqualTo(TaskState.SUCCEEDED);
      assertThat(held.attempt()).isEqualTo(2);
      for (int page = 0; page < 10; page++) {
        assertThat(detail.task("read[" + page + "]").orElseThrow().state())
            .isEqualTo(TaskState.SUCCEEDED);
      }
    }
    List<String> after = SideEffectLog.read(log);
    assertThat(after).containsOnlyOnce("pages 1 gen-1").doesNotContain("pages 1 gen-2");
    for (int page = 0; page < 4; page++) {
      String instance = "read[" + page + "] ";
      assertThat(Collections.frequency(after, instance + "1 gen-1"))
          .as("page %d, recorded before the kill", page)
          .isEqualTo(1);
      assertThat(after).noneMatch(line -> line.startsWith(instance) && line.endsWith("gen-2"));
    }
    assertThat(after).contains("read[5] 2 gen-2");
    for (int page = 6; page < 10; page++) {
      String instance = "read[" + page + "] ";
      assertThat(after).anyMatch(line -> line.startsWith(instance));
    }
    assertThat(after).containsOnlyOnce("count 1 gen-2");
  }
}
