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
import dev.hypha.samples.EngineKind;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A process killed with SIGKILL while a delayed task waits: its due time is in the store, and a
 * process whose clock is past it runs the task once, without running what came before again.
 */
class DelayCrashTest {
  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void aWaitCutByAKillGoesOnFromItsRecordedDueTime(EngineKind engine) throws Exception {
    Path database = dir.resolve("reminder.db");
    Path log = dir.resolve("side-effects.log");
    try (ChildJvm child =
        ChildJvm.start(ReminderWorker.class, database.toString(), log.toString(), engine.name())) {
      assertThat(child.awaitLine("waiting ", 60_000)).as(child.output()).isTrue();
      assertThat(child.kill()).as(child.output()).isEqualTo(137);
    }
    assertThat(SideEffectLog.read(log)).containsExactly("order 1 gen-1");

    RunId id;
    Instant due;
    try (Hypha hypha = engine.open(database)) {
      List<RunSummary> runs = hypha.history().find(RunQuery.builder().build()).items();
      assertThat(runs).hasSize(1);
      id = runs.get(0).id();
      RunDetail killed = hypha.history().detail(id).orElseThrow();
      assertThat(killed.state()).isEqualTo(RunState.RUNNING);
      TaskRecord waiting = killed.task("remind").orElseThrow();
      assertThat(waiting.state()).isEqualTo(TaskState.READY);
      due = waiting.readyAt().orElseThrow();
      Instant orderEnded = killed.task("order").orElseThrow().finishedAt().orElseThrow();
      assertThat(due).isEqualTo(orderEnded.plus(Duration.ofHours(1)));
    }
    Clock afterDue = Clock.offset(Clock.systemUTC(), Duration.ofHours(2));
    try (Hypha hypha = engine.builder(database).clock(afterDue).open()) {
      ReminderFlow flow = ReminderFlow.bind(hypha, new Reminder(new SideEffectLog(log), "gen-2"));
      Run<String> run = flow.run(id);
      assertThat(run.await(Duration.ofSeconds(30))).isEqualTo("reminded order-9");
      assertThat(run.detail().task("remind").orElseThrow().startedAt().orElseThrow())
          .isAfterOrEqualTo(due);
    }
    assertThat(SideEffectLog.read(log)).containsExactly("order 1 gen-1", "remind 1 gen-2");
  }
}
