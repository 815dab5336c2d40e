package dev.hypha.samples.delays;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hypha.runtime.Hypha;
import dev.hypha.runtime.Run;
import dev.hypha.runtime.RunDetail;
import dev.hypha.runtime.TaskState;
import dev.hypha.runtime.testing.MovableClock;
import dev.hypha.samples.EngineKind;
import dev.hypha.samples.Eventually;
import dev.hypha.samples.delays.Renewal.Policy;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code @WaitUntil} and {@code @Delay} through the real processor: each task waits, READY with its
 * due time recorded, until the test moves the engine's clock past it; nothing sleeps.
 */
class RenewalTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void theReminderWaitsForItsDateAndTheFollowUpADayMore(EngineKind engine) throws Exception {
    MovableClock clock = new MovableClock();
    Instant expires = Instant.now().plus(Duration.ofDays(90));
    Instant renewal = expires.minus(Duration.ofDays(30));
    try (Hypha hypha = engine.builder(dir.resolve("renewal.db")).clock(clock).open()) {
      RenewalFlow flow = RenewalFlow.bind(hypha, new Renewal());
      Run<String> run = flow.start(new Policy("p-7", expires));
      waitFor(() -> state(run, "remindRenewal") == TaskState.READY);
      // Due at the instant, rounded up to the microsecond the store keeps.
      Instant due = renewal.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
      if (due.isBefore(renewal)) {
        due = due.plusNanos(1000);
      }
      assertThat(run.detail().task("remindRenewal").orElseThrow().readyAt()).contains(due);

      clock.advanceTo(renewal);
      waitFor(() -> state(run, "followUp") == TaskState.READY);
      RunDetail waiting = run.detail();
      Instant reminded = waiting.task("remindRenewal").orElseThrow().finishedAt().orElseThrow();
      assertThat(waiting.task("followUp").orElseThrow().readyAt())
          .contains(reminded.plus(Duration.ofDays(1)));

      clock.advanceTo(reminded.plus(Duration.ofDays(1)));
      assertThat(run.await(WAIT)).isEqualTo("followed up: renew p-7 by " + expires);
    }
  }

  private static TaskState state(Run<String> run, String task) {
    return run.detail().task(task).orElseThrow().state();
  }

  private static void waitFor(BooleanSupplier condition) throws InterruptedException {
    assertThat(Eventually.within(WAIT, condition)).as("within %s", WAIT).isTrue();
  }
}
