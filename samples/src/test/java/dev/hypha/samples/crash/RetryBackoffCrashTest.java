package dev.hypha.samples.crash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hypha.runtime.Hypha;
import dev.hypha.runtime.Run;
import dev.hypha.runtime.RunDetail;
import dev.hypha.runtime.RunId;
import dev.hypha.runtime.RunState;
import dev.hypha.runtime.TaskRecord;
import dev.hypha.runtime.TaskState;
import dev.hypha.samples.ChildJvm;
import dev.hypha.samples.EngineKind;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A process killed with SIGKILL while a task waits for its next attempt: the attempt's due time is
 * in the store, so the next process runs it at that time, once, and the run succeeds.
 */
class RetryBackoffCrashTest {
  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void aRetryDueWhenTheProcessWasKilledRunsOnceAtItsDueTimeAfterTheRestart(EngineKind engine)
      throws Exception {
    Path database = dir.resolve("delivery.db");
    Path log = dir.resolve("side-effects.log");
    RunId runId;
    Instant due;
    try (ChildJvm child =
        ChildJvm.start(DeliveryWorker.class, database.toString(), log.toString(), engine.name())) {
      assertThat(child.awaitLine("waiting ", 60_000)).as(child.output()).isTrue();
      child.kill();
      String waiting =
          child.output().lines().filter(line -> line.startsWith("waiting ")).findFirst().get();
      runId = new RunId(waiting.split(" ")[1]);
    }

    try (Hypha hypha = engine.open(database)) {
      // Read before the flow is bound, i.e. before this process takes the run up.
      RunDetail killed = hypha.history().detail(runId).orElseThrow();
      assertThat(killed.state()).isEqualTo(RunState.RUNNING);
      TaskRecord waiting = killed.task("deliver").orElseThrow();
      assertThat(waiting.state()).isEqualTo(TaskState.READY);
      assertThat(waiting.attempt()).isEqualTo(1);
      assertThat(waiting.failures())
          .singleElement()
          .satisfies(failure -> assertThat(failure.error().message()).isEqualTo("nobody at home"));
      due = waiting.readyAt().orElseThrow();
      assertThat(due).isEqualTo(waiting.failures().get(0).finishedAt().plusSeconds(3));

      DeliveryFlow flow = DeliveryFlow.bind(hypha, new Delivery(new SideEffectLog(log), "gen-2"));
      Run<String> run = flow.run(runId);
      assertThat(run.await(Duration.ofSeconds(30)))
          .isEqualTo("packed parcel-1, delivered on attempt 2, confirmed");

      TaskRecord deliver = run.detail().task("deliver").orElseThrow();
      assertThat(deliver.state()).isEqualTo(TaskState.SUCCEEDED);
      assertThat(deliver.attempt()).isEqualTo(2);
      assertThat(deliver.readyAt()).contains(due);
      assertThat(deliver.startedAt().get())
          .as("attempt 2 starts at or after its due time")
          .isAfterOrEqualTo(due);
      assertThat(deliver.failures()).hasSize(1);
    }

    List<String> executions = SideEffectLog.read(log);
    assertThat(executions.stream().map(line -> line.substring(0, line.lastIndexOf(' '))))
        .containsExactly("pack 1 gen-1", "deliver 1 gen-1", "deliver 2 gen-2", "confirm 1 gen-2");
    long secondAttemptMillis =
        Long.parseLong(executions.get(2).substring(executions.get(2).lastIndexOf(' ') + 1));
    assertThat(Instant.ofEpochMilli(secondAttemptMillis))
        .as("the task itself ran at or after the due time")
        .isAfterOrEqualTo(due.truncatedTo(ChronoUnit.MILLIS));
  }
}
