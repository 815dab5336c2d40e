package dev.hypha.test;

import static dev.hypha.test.HistoryAssert.assertRun;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hypha.runtime.Hypha;
import dev.hypha.runtime.Run;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The same waits on PostgreSQL, a fresh schema per test, with a worker of the shared store in this
 * process. Runs when {@code HYPHA_TEST_POSTGRES_URL} is set, as the project's other PostgreSQL
 * tests do; a {@code @HyphaTest(store = POSTGRES)} of a user's fails without it (see {@link
 * ExtensionTest}).
 */
@HyphaTest(store = HyphaTest.Store.POSTGRES)
@EnabledIfEnvironmentVariable(named = HyphaExtension.POSTGRES_URL, matches = ".+")
class PostgresTest {
  private static final Instant START = TestClock.START;

  @Test
  void aOneHourBackoffAndADaysDelayAreSkippedOnPostgres(Hypha hypha, TestClock clock) {
    assertThat(hypha.location()).startsWith("jdbc:postgresql:").contains("hypha_test_");
    Run<String> run = SubscriptionFlow.bind(hypha, new Subscription()).start("bo");

    assertThat(run.await(Duration.ofSeconds(60))).isEqualTo("welcome, charged bo");
    Instant charged = START.plus(Duration.ofHours(3));
    assertRun(run)
        .succeeded()
        .task("charge")
        .succeeded()
        .hasAttempts(3)
        .hasFailures("card declined (attempt 1)", "card declined (attempt 2)")
        .and()
        .task("welcome")
        .succeeded()
        .hasReadyAt(charged.plus(Duration.ofDays(1)));
    assertThat(clock.instant()).isEqualTo(charged.plus(Duration.ofDays(1)));
  }

  @Test
  void aSignalsTimeoutIsSkippedToOnPostgres(Hypha hypha) {
    Run<String> run = ApprovalFlow.bind(hypha, new Approval()).start("exp-9");

    assertThat(run.await(Duration.ofSeconds(60))).isEqualTo("escalated exp-9");
    assertThat(assertRun(run).task("decide").record().readyAt())
        .contains(START.plus(Duration.ofDays(3)));
  }
}
