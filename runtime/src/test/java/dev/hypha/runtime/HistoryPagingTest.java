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
import java.util.Optional;
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

  /** A run history that counts the pages read through it. */
  static final class CountingHistory implements RunHistory {
    private final RunHistory history;
    int pages;

    CountingHistory(RunHistory history) {
      this.history = history;
    }

    @Override
    public Page<RunSummary> find(RunQuery query) {
      pages++;
      return history.find(query);
    }

    @Override
    public long count(RunQuery query) {
      return history.count(query);
    }

    @Override
    public Optional<RunDetail> detail(RunId id) {
      return history.detail(id);
    }
  }

  /** A flow's history that counts the pages read through it. */
  static final class CountingFlowHistory<T> implements FlowHistory<T> {
    private final FlowHistory<T> history;
    int pages;

    CountingFlowHistory(FlowHistory<T> history) {
      this.history = history;
    }

    @Override
    public Page<RunSummary> find(RunQuery query) {
      pages++;
      return history.find(query);
    }

    @Override
    public long count(RunQuery query) {
      return history.count(query);
    }

    @Override
    public Optional<RunDetail> detail(RunId id) {
      return history.detail(id);
    }

    @Override
    public Optional<T> result(RunId id) {
      return history.result(id);
    }
  }

  @Test
  void aStreamReturnsEveryMatchingRunNewestFirst() {
    List<RunId> newestFirst = new ArrayList<>(alphaRuns);
    Collections.reverse(newestFirst);
    assertThat(hypha.history().stream(RunQuery.builder().flow("alpha").limit(7).build()))
        .extracting(RunSummary::id)
        .containsExactlyElementsOf(newestFirst);
    assertThat(alpha.history().stream(RunQuery.builder().limit(RunQuery.MAX_LIMIT).build()))
        .extracting(RunSummary::id)
        .containsExactlyElementsOf(newestFirst);
    assertThat(hypha.history().stream(RunQuery.builder().build())).hasSize(ALPHA + BETA);
    assertThat(hypha.history().stream(RunQuery.builder().flow("gamma").build())).isEmpty();
  }

  @Test
  void aStreamStartsAfterThePageTokenOfItsQuery() {
    Page<RunSummary> first = alpha.history().find(RunQuery.builder().limit(100).build());
    RunQuery rest =
        RunQuery.builder().limit(100).after(first.nextPageToken().orElseThrow()).build();
    List<RunId> older = new ArrayList<>(alphaRuns.subList(0, ALPHA - 100));
    Collections.reverse(older);
    assertThat(alpha.history().stream(rest))
        .extracting(RunSummary::id)
        .containsExactlyElementsOf(older);
  }

  @Test
  void aStreamReadsAPageOnlyWhenItGetsThere() {
    CountingHistory history = new CountingHistory(hypha.history());
    RunQuery pagesOf50 = RunQuery.builder().limit(50).build();
    java.util.stream.Stream<RunSummary> stream = history.stream(pagesOf50);
    assertThat(history.pages).as("pages read before the stream is used").isZero();
    assertThat(stream.limit(1).toList()).hasSize(1);
    assertThat(history.pages).isEqualTo(1);

    history.pages = 0;
    assertThat(history.stream(pagesOf50).limit(51).toList()).hasSize(51);
    assertThat(history.pages).isEqualTo(2);

    history.pages = 0;
    assertThat(history.stream(pagesOf50).count()).isEqualTo(ALPHA + BETA);
    assertThat(history.pages).isEqualTo((ALPHA + BETA + 49) / 50);
  }

  @Test
  void failedSinceStreamsEveryFailedRunOfTheFlowNewestFirst() {
    assertThat(alpha.history().failedSince(T0))
        .extracting(RunSummary::id)
        .hasSize(ALPHA / 3)
        .containsExactlyElementsOf(failedAlphaRuns());
    // Runs 303, 306, ... 330 started at or after T0 + 301 s.
    assertThat(alpha.history().failedSince(T0.plusSeconds(301)))
        .extracting(RunSummary::id)
        .containsExactlyElementsOf(failedAlphaRuns().subList(0, 10));
    assertThat(alpha.history().failedSince(T0.plusSeconds(ALPHA + 1))).isEmpty();
  }

  @Test
  void failedSinceReadsPagesLazily() {
    CountingFlowHistory<Object> history = new CountingFlowHistory<>(alpha.history());
    assertThat(history.failedSince(T0).limit(3).toList())
        .extracting(RunSummary::id)
        .containsExactlyElementsOf(failedAlphaRuns().subList(0, 3));
    assertThat(history.pages).isEqualTo(1);
    history.pages = 0;
    assertThat(history.failedSince(T0).count()).isEqualTo(ALPHA / 3);
    assertThat(history.pages).as("110 runs, pages of 100").isEqualTo(2);
  }
}
