package dev.hypha.samples.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hypha.runtime.AttemptRecord;
import dev.hypha.runtime.Hypha;
import dev.hypha.runtime.Run;
import dev.hypha.runtime.RunDetail;
import dev.hypha.runtime.RunFailedException;
import dev.hypha.runtime.RunState;
import dev.hypha.runtime.TaskError;
import dev.hypha.runtime.TaskEvent;
import dev.hypha.runtime.TaskRecord;
import dev.hypha.runtime.TaskState;
import dev.hypha.samples.EngineKind;
import dev.hypha.samples.EventLog;
import dev.hypha.samples.Journal;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code @Retry}: attempts, backoff, multiplier, cap, retryOn, abortOn and the flow's default. */
class RetryTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void aTaskRunsUpToItsMaxAttemptsAndEveryAttemptIsRecordedWithItsError(EngineKind engine) {
    Journal journal = new Journal();
    try (Hypha hypha = engine.open(dir.resolve("retry.db"))) {
      Run<?> run =
          RetryLimitsFlow.bind(hypha, new RetryLimits(journal)).start(new RetryLimits.Job("j-1"));
      assertThatThrownBy(() -> run.await(WAIT))
          .isInstanceOfSatisfying(
              RunFailedException.class,
              failed ->
                  assertThat(failed.error().task())
                      .isIn("exhausted", "unlisted", "aborted", "once"));

      RunDetail detail = run.detail();
      assertThat(detail.state()).isEqualTo(RunState.FAILED);
      TaskRecord exhausted = detail.task("exhausted").orElseThrow();
      assertThat(exhausted.state()).isEqualTo(TaskState.FAILED);
      assertThat(exhausted.attempt()).isEqualTo(3);
      assertThat(exhausted.failures()).extracting(AttemptRecord::attempt).containsExactly(1, 2, 3);
      assertThat(exhausted.failures())
          .extracting(failure -> failure.error().message())
          .containsExactly("exhausted attempt 1", "exhausted attempt 2", "exhausted attempt 3");
      assertThat(exhausted.failures())
          .allSatisfy(
              failure -> {
                assertThat(failure.error().type()).isEqualTo(IllegalStateException.class.getName());
                assertThat(failure.error().stackTrace()).contains("RetryLimits.exhausted");
                assertThat(failure.timedOut()).isFalse();
              });
      assertThat(exhausted.error().map(TaskError::message)).contains("exhausted attempt 3");
      assertInOrder(exhausted.failures());
      assertThat(detail.task("afterExhausted").get().state()).isEqualTo(TaskState.SKIPPED);
      assertThat(journal.entries())
          .filteredOn(entry -> entry.startsWith("exhausted"))
          .containsExactly("exhausted 1", "exhausted 2", "exhausted 3");
      assertThat(journal.entries()).noneMatch(entry -> entry.startsWith("afterExhausted"));
    }
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void anErrorNotInRetryOnOrListedInAbortOnFailsTheTaskOnItsFirstAttempt(EngineKind engine) {
    Journal journal = new Journal();
    try (Hypha hypha = engine.open(dir.resolve("retry.db"))) {
      Run<?> run =
          RetryLimitsFlow.bind(hypha, new RetryLimits(journal)).start(new RetryLimits.Job("j-2"));
      assertThatThrownBy(() -> run.await(WAIT)).isInstanceOf(RunFailedException.class);

      RunDetail detail = run.detail();
      assertFailedOnce(detail, "unlisted", IllegalArgumentException.class, "unlisted attempt 1");
      assertFailedOnce(detail, "aborted", NumberFormatException.class, "aborted attempt 1");
      assertFailedOnce(detail, "once", IllegalStateException.class, "once attempt 1");
      assertThat(journal.entries()).contains("unlisted 1", "aborted 1", "once 1");
      assertThat(journal.entries()).doesNotContain("unlisted 2", "aborted 2", "once 2");
    }
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void theBackoffGrowsByItsMultiplierUpToItsMaximumAndNoAttemptStartsBeforeItsDueTime(
      EngineKind engine) throws Exception {
    Journal journal = new Journal();
    EventLog events = new EventLog();
    try (Hypha hypha = engine.builder(dir.resolve("retry.db")).listener(events).open()) {
      Run<String> run =
          RetryPoliciesFlow.bind(hypha, new RetryPolicies(journal))
              .start(new RetryPolicies.Job("j-3"));
      assertThat(run.await(WAIT))
          .isEqualTo("growing on attempt 4, listed on attempt 2, defaulted on attempt 2");
      assertThat(events.awaitEnd(run.id(), WAIT)).isTrue();

      TaskRecord growing = run.detail().task("growing").orElseThrow();
      assertThat(growing.state()).isEqualTo(TaskState.SUCCEEDED);
      assertThat(growing.attempt()).isEqualTo(4);
      assertThat(growing.error()).isEmpty();
      assertThat(growing.failures())
          .extracting(failure -> failure.error().message())
          .containsExactly(
              "growing attempt 1 failed", "growing attempt 2 failed", "growing attempt 3 failed");
      // Each failed attempt sets the next one's due time: the READY event's time, and the row's.
      List<TaskEvent> waits =
          events.task(run.id(), "growing").stream()
              .filter(event -> event.state() == TaskState.READY && event.error().isPresent())
              .toList();
      assertThat(waits).extracting(TaskEvent::attempt).containsExactly(1, 2, 3);
      List<Long> delays = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        AttemptRecord failed = growing.failures().get(i);
        Instant due = waits.get(i).at();
        delays.add(Duration.between(failed.finishedAt(), due).toMillis());
        assertThat(waits.get(i).error().get().message()).isEqualTo(failed.error().message());
        Instant nextStart =
            i < 2 ? growing.failures().get(i + 1).startedAt().get() : growing.startedAt().get();
        assertThat(nextStart)
            .as("attempt %d starts at or after its due time", i + 2)
            .isAfterOrEqualTo(due);
      }
      assertThat(delays).containsExactly(20L, 50L, 50L);
      assertThat(growing.readyAt()).contains(waits.get(2).at());
      assertThat(journal.entries())
          .filteredOn(entry -> entry.startsWith("growing"))
          .containsExactly("growing 1", "growing 2", "growing 3", "growing 4");
    }
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void retryOnRetriesTheErrorsItListsAndTheFlowsRetryIsTheDefault(EngineKind engine) {
    Journal journal = new Journal();
    try (Hypha hypha = engine.open(dir.resolve("retry.db"))) {
      Run<String> run =
          RetryPoliciesFlow.bind(hypha, new RetryPolicies(journal))
              .start(new RetryPolicies.Job("j-4"));
      run.await(WAIT);

      RunDetail detail = run.detail();
      TaskRecord listed = detail.task("listed").orElseThrow();
      assertThat(listed.state()).isEqualTo(TaskState.SUCCEEDED);
      assertThat(listed.attempt()).isEqualTo(2);
      assertThat(listed.failures())
          .singleElement()
          .satisfies(
              failure -> {
                assertThat(failure.error().type()).isEqualTo(UncheckedIOException.class.getName());
                assertThat(failure.error().stackTrace()).contains("reset by peer");
              });
      TaskRecord defaulted = detail.task("defaulted").orElseThrow();
      assertThat(defaulted.state()).isEqualTo(TaskState.SUCCEEDED);
      assertThat(defaulted.attempt()).isEqualTo(2);
      assertThat(defaulted.failures())
          .extracting(failure -> failure.error().message())
          .containsExactly("defaulted attempt 1 failed");
      assertThat(detail.task("summary").get().attempt()).isEqualTo(1);
      assertThat(journal.entries())
          .filteredOn(entry -> !entry.startsWith("growing"))
          .containsExactlyInAnyOrder("listed 1", "listed 2", "defaulted 1", "defaulted 2");
    }
  }

  private static void assertFailedOnce(
      RunDetail detail, String task, Class<? extends Throwable> type, String message) {
    TaskRecord row = detail.task(task).orElseThrow();
    assertThat(row.state()).as(task).isEqualTo(TaskState.FAILED);
    assertThat(row.attempt()).as(task).isEqualTo(1);
    assertThat(row.failures())
        .as(task)
        .singleElement()
        .satisfies(
            failure -> {
              assertThat(failure.error().type()).isEqualTo(type.getName());
              assertThat(failure.error().message()).isEqualTo(message);
            });
    assertThat(row.error().map(TaskError::type)).contains(type.getName());
  }

  /** Attempts do not overlap: each starts after the one before it ended. */
  private static void assertInOrder(List<AttemptRecord> attempts) {
    for (int i = 1; i < attempts.size(); i++) {
      assertThat(attempts.get(i).startedAt().get())
          .isAfterOrEqualTo(attempts.get(i - 1).finishedAt());
    }
  }
}
