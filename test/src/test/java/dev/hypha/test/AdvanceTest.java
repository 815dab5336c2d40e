package dev.hypha.test;

import static dev.hypha.test.HistoryAssert.assertRun;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hypha.runtime.AwaitTimeoutException;
import dev.hypha.runtime.Hypha;
import dev.hypha.runtime.Run;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** With {@code skipTime = false} the clock moves only when the test moves it. */
@HyphaTest(skipTime = false)
class AdvanceTest {
  private static final Instant START = TestClock.START;

  @Test
  void aDelayWaitsUntilTheTestAdvancesTheClock(Hypha hypha, TestClock clock) {
    Run<String> run = ReminderFlow.bind(hypha, new Reminder()).start("milk");

    assertThatThrownBy(() -> run.await(Duration.ofMillis(300)))
        .isInstanceOf(AwaitTimeoutException.class);
    assertThat(clock.instant()).isEqualTo(START);
    assertRun(run).task("remind").hasReadyAt(START.plus(Duration.ofHours(2)));

    clock.advance(Duration.ofHours(1));
    assertThatThrownBy(() -> run.await(Duration.ofMillis(300)))
        .isInstanceOf(AwaitTimeoutException.class);

    clock.advance(Duration.ofHours(1));
    assertThat(run.await(Duration.ofSeconds(30))).isEqualTo("remember: milk");
    assertThat(assertRun(run).succeeded().task("remind").record().startedAt())
        .contains(START.plus(Duration.ofHours(2)));
    assertThat(clock.elapsed()).isEqualTo(Duration.ofHours(2));
  }

  @Test
  void theClockDoesNotGoBack(TestClock clock) {
    assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "a test clock does not go back, so advance(PT-1S) is refused; pass a positive"
                + " duration");
    clock.advanceTo(START.minusSeconds(5));
    assertThat(clock.instant()).isEqualTo(START);
  }

  @Test
  @HyphaTest
  void onTheMethodTheAnnotationOverridesTheClasss(Hypha hypha, TestClock clock) {
    Run<String> run = ReminderFlow.bind(hypha, new Reminder()).start("eggs");

    assertThat(run.await(Duration.ofSeconds(30))).isEqualTo("remember: eggs");
    assertThat(clock.elapsed()).isEqualTo(Duration.ofHours(2));
  }
}
