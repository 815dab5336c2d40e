package dev.hypha.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hypha.runtime.spi.FlowBinding;
import dev.hypha.runtime.testing.LambdaFlow;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Counting and streaming history queries over more runs than one page: 330 runs of alpha (every
 * third one fails, so 110 fail) and 30 of beta, a second apart.
 */
class HistoryPagingTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");
  private static final int ALPHA = 330;
  private static final int BETA = 30;

  @TempDir static Path dir;
  private static Hypha hypha;
  private static FlowBinding<Object, Object> alpha;

  /** Alpha's runs, oldest first. */
  private static final List<RunId> alphaRuns = new ArrayList<>();

  @BeforeAll
  static void startRuns() {
    HistoryTest.ManualClock clock = new HistoryTest.ManualClock();
    hypha = Hypha.builder().path(dir.resolve("h.db")).clock(clock).flushToDisk(false).open();
    LambdaFlow alphaFlow = HistoryTest.flow("alpha");
    LambdaFlow betaFlow = HistoryTest.flow("beta");
    alpha = hypha.bind(alphaFlow, alphaFlow);
    FlowBinding<Object, Object> beta = hypha.bind(betaFlow, betaFlow);
    for (int i = 1; i <= ALPHA; i++) {
      clock.set(T0.plusSeconds(i));
      Run<Object> run = alpha.start(i);
      alphaRuns.add(run.id());
      awaitQuietly(run);
      if (i <= BETA) {
        awaitQuietly(beta.start(i));
      }
    }
  }

  @AfterAll
  static void close() {
    hypha.close();
  }

  private static void awaitQuietly(Run<Object> run) {
    try {
      run.await(WAIT);
    } catch (RunFailedException expected) {
      // Every third input fails on purpose.
    }
  }

  /** Alpha's runs with an input that is a multiple of three, newest first. */
  private static List<RunId> failedAlphaRuns() {
    List<RunId> failed = new ArrayList<>();
    for (int i = 3; i <= ALPHA; i += 3) {
      failed.add(alphaRuns.get(i - 1));
    }
    Collections.reverse(failed);
    return failed;
  }

  @Test
  void countCountsEveryMatchingRunWhateverThePageSize() {
    RunHistory history = hypha.history();
    assertThat(history.count(RunQuery.builder().build())).isEqualTo(ALPHA + BETA);
    assertThat(history.count(RunQuery.builder().limit(1).build())).isEqualTo(ALPHA + BETA);
    assertThat(history.count(RunQuery.builder().flow("alpha").build())).isEqualTo(ALPHA);
    assertThat(history.count(RunQuery.builder().state(RunState.FAILED).build()))
        .isEqualTo(ALPHA / 3 + BETA / 3);
    assertThat(history.count(RunQuery.builder().state(RunState.FAILED, RunState.SUCCEEDED).build()))
        .isEqualTo(ALPHA + BETA);
    assertThat(
            history.count(
                RunQuery.builder()
                    .flow("alpha")
                    .startedFrom(T0.plusSeconds(101))
                    .startedBefore(T0.plusSeconds(201))
                    .build()))
        .isEqualTo(100);
    assertThat(history.count(RunQuery.builder().flow("gamma").build())).isZero();
  }

  @Test
  void aFlowsCountIsOfItsOwnRuns() {
    assertThat(alpha.history().count(RunQuery.builder().build())).isEqualTo(ALPHA);
    assertThat(alpha.history().count(RunQuery.builder().flow("beta").build())).isEqualTo(ALPHA);
    assertThat(alpha.history().count(RunQuery.builder().state(RunState.FAILED).build()))
        .isEqualTo(ALPHA / 3);
  }
}
