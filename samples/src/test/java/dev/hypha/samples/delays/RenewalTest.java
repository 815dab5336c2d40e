package dev.hypha.samples.delays;

import static dev.hypha.test.HistoryAssert.assertRun;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hypha.runtime.Hypha;
import dev.hypha.runtime.Run;
import dev.hypha.samples.delays.Renewal.Policy;
import dev.hypha.test.HyphaTest;
import dev.hypha.test.TestClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code @WaitUntil} and {@code @Delay} through the real processor: each task waits, READY with its
 * due time recorded, until the test's clock reaches it; the clock skips there while the test awaits
 * the run, so nothing sleeps through the sixty days.
 */
@HyphaTest
class RenewalTest {
  @ParameterizedTest
  @EnumSource(HyphaTest.Engine.class)
  void theReminderWaitsForItsDateAndTheFollowUpADayMore(
      HyphaTest.Engine engine, Hypha hypha, TestClock clock) {
    Instant expires = clock.instant().plus(Duration.ofDays(90));
    Instant renewal = expires.minus(Duration.ofDays(30));
    Run<String> run = RenewalFlow.bind(hypha, new Renewal()).start(new Policy("p-7", expires));

    assertThat(run.await(Duration.ofSeconds(30))).isEqualTo("followed up: renew p-7 by " + expires);
    Instant reminded =
        assertRun(run).task("remindRenewal").hasReadyAt(renewal).record().finishedAt().get();
    assertRun(run).task("followUp").hasReadyAt(reminded.plus(Duration.ofDays(1)));
    assertThat(clock.instant()).isEqualTo(reminded.plus(Duration.ofDays(1)));
  }
}
