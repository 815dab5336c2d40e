package dev.hypha.samples.timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hypha.runtime.AttemptRecord;
import dev.hypha.runtime.EngineMetrics;
import dev.hypha.runtime.Hypha;
import dev.hypha.runtime.Run;
import dev.hypha.runtime.RunDetail;
import dev.hypha.runtime.RunFailedException;
import dev.hypha.runtime.TaskError;
import dev.hypha.runtime.TaskRecord;
import dev.hypha.runtime.TaskState;
import dev.hypha.runtime.TaskTimeoutException;
import dev.hypha.samples.EngineKind;
import dev.hypha.samples.Eventually;
import dev.hypha.samples.Journal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code @Timeout}: interruption, the timed-out record, retries and abandoned threads. */
class TimeoutTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void anAttemptOverItsTimeoutIsInterruptedRecordedAsTimedOutAndRetriedPerItsPolicy(
      EngineKind engine) throws Exception {
    Journal journal = new Journal();
    try (Hypha hypha = engine.open(dir.resolve("timeout.db"))) {
      Run<?> run = TimeoutsFlow.bind(hypha, new Timeouts(journal)).start(new Timeouts.Case("c"));
      assertThatThrownBy(() -> run.await(WAIT))
          .isInstanceOfSatisfying(
              RunFailedException.class,
              failed -> {
                assertThat(failed.error().task()).isIn("overrun", "notRetried");
                assertThat(failed.error().type()).isEqualTo(TaskTimeoutException.class.getName());
              });
      RunDetail detail = run.detail();

      TaskRecord patient = detail.task("patient").orElseThrow();
      assertThat(patient.state()).isEqualTo(TaskState.SUCCEEDED);
      assertThat(patient.attempt()).isEqualTo(2);
      assertThat(patient.outputJson()).contains("\"patient on attempt 2\"");
      assertThat(patient.failures()).singleElement().satisfies(failure -> assertTimedOut(failure));
      assertThat(patient.failures().get(0).error().message())
          .startsWith("attempt 1 of task patient ran longer than its @Timeout of PT0.5S");
      assertThat(journal.await("patient 1 interrupted", WAIT)).isTrue();

      TaskRecord overrun = detail.task("overrun").orElseThrow();
      assertThat(overrun.state()).isEqualTo(TaskState.FAILED);
      assertThat(overrun.attempt()).isEqualTo(2);
      assertThat(overrun.failures()).extracting(AttemptRecord::attempt).containsExactly(1, 2);
      assertThat(overrun.failures()).allSatisfy(TimeoutTest::assertTimedOut);
      assertThat(overrun.error().map(TaskError::type))
          .contains(TaskTimeoutException.class.getName());
      assertThat(journal.await("overrun 2 interrupted", WAIT)).isTrue();

      TaskRecord notRetried = detail.task("notRetried").orElseThrow();
      assertThat(notRetried.state()).isEqualTo(TaskState.FAILED);
      assertThat(notRetried.attempt()).isEqualTo(1);
      assertThat(notRetried.failures()).singleElement().satisfies(TimeoutTest::assertTimedOut);
      assertThat(journal.await("notRetried 1 interrupted", WAIT)).isTrue();
    }
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void aTimedOutTaskIsRecoveredByItsFaultHandlerAndItsDependentsGoOn(EngineKind engine)
      throws Exception {
    Journal journal = new Journal();
    try (Hypha hypha = engine.open(dir.resolve("timeout.db"))) {
      Run<?> run = TimeoutsFlow.bind(hypha, new Timeouts(journal)).start(new Timeouts.Case("c"));
      assertThatThrownBy(() -> run.await(WAIT)).isInstanceOf(RunFailedException.class);
      RunDetail detail = run.detail();

      TaskRecord estimate = detail.task("estimate").orElseThrow();
      assertThat(estimate.state()).isEqualTo(TaskState.RECOVERED);
      assertThat(estimate.outputJson()).contains("\"rough estimate\"");
      assertThat(estimate.error().map(TaskError::type))
          .as("the error the handler recovered from is kept")
          .contains(TaskTimeoutException.class.getName());
      assertThat(estimate.failures()).singleElement().satisfies(TimeoutTest::assertTimedOut);
      assertThat(detail.task("quote").get().state()).isEqualTo(TaskState.SUCCEEDED);
      assertThat(detail.task("quote").get().outputJson()).contains("\"quote from rough estimate\"");
      assertThat(journal.entries()).containsOnlyOnce("roughEstimate after TaskTimeoutException");
    }
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void aTaskIgnoringItsInterruptionIsAbandonedAndDoesNotHoldUpTheEngine(EngineKind engine)
      throws Exception {
    Journal journal = new Journal();
    CountDownLatch release = new CountDownLatch(1);
    try (Hypha hypha = engine.open(dir.resolve("timeout.db"))) {
      StubbornFlow flow = StubbornFlow.bind(hypha, new Stubborn(release, journal));
      Run<String> stalled;
      try {
        stalled = flow.start(new Stubborn.Ask(true));
        assertThat(stalled.await(WAIT)).isEqualTo("answer on attempt 2");
        EngineMetrics metrics = hypha.metrics();
        assertThat(metrics.abandonedThreads()).isEqualTo(1);
        assertThat(metrics.abandonedThreadsTotal()).isEqualTo(1);
        // The serial engine's only worker is still stuck in attempt 1: its replacement runs this.
        assertThat(flow.start(new Stubborn.Ask(false)).await(WAIT))
            .isEqualTo("answer on attempt 1");
        assertThat(journal.entries()).containsExactly("stalling");
      } finally {
        release.countDown();
      }

      assertThat(journal.await("stalled attempt returned after an ignored interrupt", WAIT))
          .isTrue();
      assertThat(eventually(() -> hypha.metrics().abandonedThreads() == 0)).isTrue();
      assertThat(hypha.metrics().abandonedThreadsTotal()).isEqualTo(1);
      TaskRecord answer = stalled.detail().task("answer").orElseThrow();
      assertThat(answer.state())
          .as("the abandoned attempt's late return changes nothing")
          .isEqualTo(TaskState.SUCCEEDED);
      assertThat(answer.attempt()).isEqualTo(2);
      assertThat(answer.outputJson()).contains("\"answer on attempt 2\"");
      assertThat(answer.failures()).singleElement().satisfies(TimeoutTest::assertTimedOut);
      assertThat(stalled.await(WAIT)).isEqualTo("answer on attempt 2");
    }
  }

  private static void assertTimedOut(AttemptRecord failure) {
    assertThat(failure.timedOut()).isTrue();
    assertThat(failure.error().type()).isEqualTo(TaskTimeoutException.class.getName());
  }

  private static boolean eventually(BooleanSupplier condition) throws InterruptedException {
    return Eventually.within(WAIT, condition);
  }
}
