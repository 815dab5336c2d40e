package dev.hypha.test;

import static dev.hypha.test.HistoryAssert.assertRun;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hypha.runtime.AttemptRecord;
import dev.hypha.runtime.Hypha;
import dev.hypha.runtime.Run;
import dev.hypha.runtime.RunDeadlineExceededException;
import dev.hypha.runtime.RunFailedException;
import dev.hypha.runtime.TaskRecord;
import dev.hypha.runtime.TaskTimeoutException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Waits of every kind end on the test clock without the test sleeping: the clock jumps to what is
 * due next while the test awaits the run. Without the skipping, each await below would time out
 * (the waits are hours and days long).
 */
@HyphaTest
class TimeSkippingTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Instant START = TestClock.START;

  @Test
  void aOneHourBackoffAndADaysDelayAreSkipped(Hypha hypha, TestClock clock) {
    Run<String> run = SubscriptionFlow.bind(hypha, new Subscription()).start("ada");

    assertThat(run.await(WAIT)).isEqualTo("welcome, charged ada");

    // The clock stands still while tasks run: attempt 1 at the start, attempt 2 an hour later,
    // attempt 3 two hours after that (the backoff doubles), the welcome letter a day after it.
    Instant charged = START.plus(Duration.ofHours(3));
    TaskRecord charge =
        assertRun(run)
            .succeeded()
            .hasResult("\"welcome, charged ada\"")
            .task("charge")
            .succeeded()
            .hasAttempts(3)
            .hasFailures("card declined (attempt 1)", "card declined (attempt 2)")
            .record();
    assertThat(charge.failures())
        .extracting(AttemptRecord::finishedAt)
        .containsExactly(START, START.plus(Duration.ofHours(1)));
    assertThat(charge.finishedAt()).contains(charged);
    TaskRecord welcome =
        assertRun(run)
            .task("welcome")
            .succeeded()
            .hasReadyAt(charged.plus(Duration.ofDays(1)))
            .record();
    assertThat(welcome.startedAt()).contains(charged.plus(Duration.ofDays(1)));
    assertThat(clock.instant()).isEqualTo(charged.plus(Duration.ofDays(1)));
  }

  @Test
  void aSignalsTimeoutIsSkippedTo(Hypha hypha) {
    Run<String> run = ApprovalFlow.bind(hypha, new Approval()).start("exp-7");

    assertThat(run.await(WAIT)).isEqualTo("escalated exp-7");
    TaskRecord decide = assertRun(run).succeeded().task("decide").succeeded().record();
    assertThat(decide.readyAt()).contains(START.plus(Duration.ofDays(3)));
    assertThat(decide.inputJson()).isEmpty();
  }

  @Test
  void aSignalSentBeforeTheAwaitIsTakenWithoutSkipping(Hypha hypha, TestClock clock) {
    ApprovalFlow flow = ApprovalFlow.bind(hypha, new Approval());
    Run<String> run = flow.start("exp-8");
    flow.signalDecision(run.id(), new Approval.Decision("bo", true));

    assertThat(run.await(WAIT)).isEqualTo("approved exp-8 by bo");
    assertThat(clock.instant()).isEqualTo(START);
  }

  @Test
  void aRunsDeadlineIsSkippedTo(Hypha hypha) {
    Run<String> run = NightlyFlow.bind(hypha, new Nightly()).start("2026-01-01");

    assertThatThrownBy(() -> run.await(WAIT))
        .isInstanceOfSatisfying(
            RunFailedException.class,
            failed ->
                assertThat(failed.error().type())
                    .isEqualTo(RunDeadlineExceededException.class.getName()));
    TaskRecord publish = assertRun(run).failed().task("publish").failed().record();
    assertThat(publish.finishedAt()).contains(START.plus(Duration.ofHours(1)));
    assertThat(run.detail().summary().finishedAt()).contains(START.plus(Duration.ofHours(1)));
  }

  @Test
  void aTimeoutIsSkippedToWhileTheTaskSleepsOnTheClock(Hypha hypha, TestClock clock) {
    Run<String> run = ExportFlow.bind(hypha, new Export(clock)).start("PT2H");

    assertThatThrownBy(() -> run.await(WAIT))
        .isInstanceOfSatisfying(
            RunFailedException.class,
            failed ->
                assertThat(failed.error().type()).isEqualTo(TaskTimeoutException.class.getName()));
    TaskRecord export = assertRun(run).failed().task("export").failed().hasAttempts(1).record();
    assertThat(export.failures())
        .singleElement()
        .satisfies(
            attempt -> {
              assertThat(attempt.timedOut()).isTrue();
              assertThat(attempt.startedAt()).contains(START);
              assertThat(attempt.finishedAt()).isEqualTo(START.plus(Duration.ofHours(1)));
            });
  }

  @Test
  void aTaskThatSleepsOnTheClockWithinItsTimeoutSucceeds(Hypha hypha, TestClock clock) {
    Run<String> run = ExportFlow.bind(hypha, new Export(clock)).start("PT30M");

    assertThat(run.await(WAIT)).isEqualTo("exported in PT30M");
    assertThat(assertRun(run).task("export").hasAttempts(1).record().finishedAt())
        .contains(START.plus(Duration.ofMinutes(30)));
  }
}
