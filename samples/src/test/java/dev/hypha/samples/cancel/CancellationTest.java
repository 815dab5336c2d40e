package dev.hypha.samples.cancel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hypha.runtime.Hypha;
import dev.hypha.runtime.Run;
import dev.hypha.runtime.RunCancelledException;
import dev.hypha.runtime.RunDetail;
import dev.hypha.runtime.RunState;
import dev.hypha.runtime.TaskKind;
import dev.hypha.runtime.TaskRecord;
import dev.hypha.runtime.TaskState;
import dev.hypha.samples.EngineKind;
import dev.hypha.samples.Eventually;
import dev.hypha.samples.Journal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code run.cancel()}: what stops, what is recorded, and which compensations run. */
class CancellationTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void cancellingInterruptsTheRunningAttemptCancelsTheRestAndCompensatesWhenTheFlowAsks(
      EngineKind engine) throws Exception {
    Journal journal = new Journal();
    CountDownLatch copying = new CountDownLatch(1);
    try (Hypha hypha = engine.open(dir.resolve("cancel.db"))) {
      Run<String> run =
          MigrationFlow.bind(hypha, new Migration(journal, copying))
              .start(new Migration.Job("orders", false));
      assertThat(copying.await(30, TimeUnit.SECONDS)).isTrue();

      assertThat(run.cancel()).isTrue();
      assertThatThrownBy(() -> run.await(WAIT))
          .isInstanceOfSatisfying(
              RunCancelledException.class,
              cancelled -> assertThat(cancelled.runId()).isEqualTo(run.id()));
      assertThat(run.state()).isEqualTo(RunState.CANCELLED);
      assertThat(run.cancel()).as("a run that has ended cannot be cancelled").isFalse();
      assertThat(hypha.cancel(run.id())).isFalse();

      RunDetail detail = run.detail();
      assertThat(detail.state()).isEqualTo(RunState.CANCELLED);
      assertThat(detail.summary().error()).isEmpty();
      assertThat(state(detail, "snapshot")).isEqualTo(TaskState.SUCCEEDED);
      assertThat(state(detail, "copy")).isEqualTo(TaskState.CANCELLED);
      assertThat(state(detail, "switchOver")).isEqualTo(TaskState.CANCELLED);
      assertThat(detail.task("copy").get().failures()).as("cancelled, not failed").isEmpty();
      TaskRecord drop = detail.task("compensate:snapshot").orElseThrow();
      assertThat(drop.kind()).isEqualTo(TaskKind.COMPENSATION);
      assertThat(drop.state()).isEqualTo(TaskState.SUCCEEDED);
      assertThat(detail.task("on-failure:alert")).as("a cancelled run did not fail").isEmpty();
      assertThat(journal.await("copy interrupted", WAIT)).isTrue();
      assertThat(journal.entries()).containsOnlyOnce("dropped snapshot-of-orders");
      assertThat(journal.entries()).doesNotContain("switched over", "alert");
    }
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void cancellingARunWaitingForItsNextAttemptCancelsItAtOnce(EngineKind engine) throws Exception {
    Journal journal = new Journal();
    try (Hypha hypha = engine.open(dir.resolve("cancel.db"))) {
      Run<String> run =
          MigrationFlow.bind(hypha, new Migration(journal, new CountDownLatch(1)))
              .start(new Migration.Job("users", true));
      assertThat(eventually(run, "copy", TaskState.READY, 1)).isTrue();

      assertThat(run.cancel()).isTrue();
      assertThatThrownBy(() -> run.await(WAIT)).isInstanceOf(RunCancelledException.class);
      RunDetail detail = run.detail();
      TaskRecord copy = detail.task("copy").orElseThrow();
      assertThat(copy.state()).isEqualTo(TaskState.CANCELLED);
      assertThat(copy.attempt()).as("its second attempt never ran").isEqualTo(1);
      assertThat(copy.failures())
          .singleElement()
          .satisfies(
              failure -> assertThat(failure.error().message()).isEqualTo("target not reachable"));
      assertThat(state(detail, "switchOver")).isEqualTo(TaskState.CANCELLED);
      assertThat(state(detail, "compensate:snapshot")).isEqualTo(TaskState.SUCCEEDED);
      assertThat(journal.entries()).containsExactly("dropped snapshot-of-users");
    }
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void withoutCompensateOnCancelACancelledRunCompensatesNothing(EngineKind engine)
      throws Exception {
    Journal journal = new Journal();
    CountDownLatch uploading = new CountDownLatch(1);
    try (Hypha hypha = engine.open(dir.resolve("cancel.db"))) {
      Run<String> run = BackupFlow.bind(hypha, new Backup(journal, uploading)).start("vol-1");
      assertThat(uploading.await(30, TimeUnit.SECONDS)).isTrue();

      assertThat(run.cancel()).isTrue();
      assertThatThrownBy(() -> run.await(WAIT)).isInstanceOf(RunCancelledException.class);
      RunDetail detail = run.detail();
      assertThat(detail.state()).isEqualTo(RunState.CANCELLED);
      assertThat(state(detail, "snapshot")).isEqualTo(TaskState.SUCCEEDED);
      assertThat(state(detail, "upload")).isEqualTo(TaskState.CANCELLED);
      assertThat(detail.task("compensate:snapshot")).isEmpty();
      assertThat(journal.await("upload interrupted", WAIT)).isTrue();
      assertThat(journal.entries()).containsExactly("upload interrupted");
    }
  }

  private static TaskState state(RunDetail detail, String row) {
    return detail.task(row).orElseThrow(() -> new AssertionError("no row " + row)).state();
  }

  /** Waits until the run's {@code task} is in {@code state} after {@code attempt} attempts. */
  private static boolean eventually(Run<?> run, String task, TaskState state, int attempt)
      throws InterruptedException {
    return Eventually.within(
        WAIT,
        () -> {
          TaskRecord row = run.detail().task(task).orElseThrow();
          return row.state() == state && row.attempt() == attempt;
        });
  }
}
