package dev.hypha.samples.deadline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hypha.runtime.Hypha;
import dev.hypha.runtime.Run;
import dev.hypha.runtime.RunDeadlineExceededException;
import dev.hypha.runtime.RunDetail;
import dev.hypha.runtime.RunFailedException;
import dev.hypha.runtime.RunState;
import dev.hypha.runtime.TaskError;
import dev.hypha.runtime.TaskRecord;
import dev.hypha.runtime.TaskState;
import dev.hypha.samples.EngineKind;
import dev.hypha.samples.Journal;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code @Flow(deadline)}: what a run past its deadline stops, skips and still does. */
class DeadlineTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String EXCEEDED = RunDeadlineExceededException.class.getName();

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void aRunPastItsDeadlineStopsItsTasksSkipsTheRestCompensatesAndFails(EngineKind engine)
      throws Exception {
    Journal journal = new Journal();
    try (Hypha hypha = engine.open(dir.resolve("deadline.db"))) {
      Run<?> run = NightlyBatchFlow.bind(hypha, new NightlyBatch(journal)).start("2026-11-23");
      assertThatThrownBy(() -> run.await(WAIT))
          .isInstanceOfSatisfying(
              RunFailedException.class,
              failed -> {
                assertThat(failed.error().type()).isEqualTo(EXCEEDED);
                assertThat(failed.error().message()).contains("passed its deadline of PT1S");
              });
      RunDetail detail = run.detail();
      assertThat(detail.state()).isEqualTo(RunState.FAILED);
      assertThat(detail.summary().finishedAt().get())
          .isAfterOrEqualTo(detail.summary().startedAt().plusSeconds(1));

      TaskRecord crunch = detail.task("crunch").orElseThrow();
      assertThat(crunch.state()).isEqualTo(TaskState.FAILED);
      assertThat(crunch.error().map(TaskError::type)).contains(EXCEEDED);
      assertThat(journal.await("crunch interrupted", WAIT)).isTrue();
      TaskRecord poll = detail.task("poll").orElseThrow();
      assertThat(poll.state())
          .as("stopped while waiting for its next attempt")
          .isEqualTo(TaskState.FAILED);
      assertThat(poll.attempt()).isEqualTo(1);
      assertThat(poll.error().map(TaskError::type)).contains(EXCEEDED);
      assertThat(poll.failures())
          .extracting(failure -> failure.error().message())
          .containsExactly("upstream not ready (attempt 1)");
      assertThat(detail.task("publish").get().state()).isEqualTo(TaskState.SKIPPED);
      assertThat(detail.task("compensate:load").get().state()).isEqualTo(TaskState.SUCCEEDED);
      assertThat(detail.task("on-failure:alert").get().state()).isEqualTo(TaskState.SUCCEEDED);
      assertThat(journal.entries())
          .containsSubsequence(
              "unloaded data of 2026-11-23",
              "alert " + detail.summary().error().get().task() + " " + EXCEEDED)
          .doesNotContain("published");
    }
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void theAttemptADeadlineStoppedIsInTheTasksFailures(EngineKind engine) {
    Journal journal = new Journal();
    try (Hypha hypha = engine.open(dir.resolve("deadline.db"))) {
      Run<?> run = NightlyBatchFlow.bind(hypha, new NightlyBatch(journal)).start("2026-11-24");
      assertThatThrownBy(() -> run.await(WAIT)).isInstanceOf(RunFailedException.class);

      TaskRecord crunch = run.detail().task("crunch").orElseThrow();
      assertThat(crunch.attempt()).isEqualTo(1);
      assertThat(crunch.failures())
          .as("its only attempt was stopped: a failed attempt like any other")
          .singleElement()
          .satisfies(
              failure -> {
                assertThat(failure.attempt()).isEqualTo(1);
                assertThat(failure.timedOut()).isTrue();
                assertThat(failure.error().type()).isEqualTo(EXCEEDED);
                assertThat(failure.startedAt()).isEqualTo(crunch.startedAt());
              });
    }
  }
}
