package dev.hypha.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hypha.runtime.spi.FlowBinding;
import dev.hypha.runtime.testing.LambdaFlow;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * Counting and streaming history queries over more runs than one page: 330 runs of alpha (every
 * third one fails, so 110 fail) and 30 of beta, a second apart. The runs are made once per engine
 * kind, the first time a test asks for that kind, and read by every test.
 */
class HistoryPagingTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");
  private static final int ALPHA = 330;
  private static final int BETA = 30;

  @TempDir static Path dir;

  /** The runs made on one engine kind, and the Hypha that made them. */
  private record Fixture(Hypha hypha, FlowBinding<Object, Object> alpha, List<RunId> alphaRuns) {}

  private static final Map<EngineKind, Fixture> fixtures = new EnumMap<>(EngineKind.class);

  /** The runs of {@code engine}, made now if no test has asked for them yet. */
  private static synchronized Fixture fixture(EngineKind engine) {
    return fixtures.computeIfAbsent(engine, HistoryPagingTest::startRuns);
  }

  private static Fixture startRuns(EngineKind engine) {
    HistoryTest.ManualClock clock = new HistoryTest.ManualClock();
    Hypha hypha =
        engine.builder(dir.resolve(engine + ".db")).clock(clock).flushToDisk(false).open();
    LambdaFlow alphaFlow = HistoryTest.flow("alpha");
    LambdaFlow betaFlow = HistoryTest.flow("beta");
    FlowBinding<Object, Object> alpha = hypha.bind(alphaFlow, alphaFlow);
    FlowBinding<Object, Object> beta = hypha.bind(betaFlow, betaFlow);
    List<RunId> alphaRuns = new ArrayList<>();
    for (int i = 1; i <= ALPHA; i++) {
      clock.set(T0.plusSeconds(i));
      Run<Object> run = alpha.start(i);
      alphaRuns.add(run.id());
      awaitQuietly(run);
      if (i <= BETA) {
        awaitQuietly(beta.start(i));
      }
    }
    return new Fixture(hypha, alpha, List.copyOf(alphaRuns));
  }

  @AfterAll
  static synchronized void close() {
    fixtures.values().forEach(fixture -> fixture.hypha().close());
    fixtures.clear();
  }

  private static void awaitQuietly(Run<Object> run) {
    try {
      run.await(WAIT);
    } catch (RunFailedException expected) {
      // Every third input fails on purpose.
    }
  }

  /** Alpha's runs with an input that is a multiple of three, newest first. */
  private static List<RunId> failedAlphaRuns(List<RunId> alphaRuns) {
    List<RunId> failed = new ArrayList<>();
    for (int i = 3; i <= ALPHA; i += 3) {
      failed.add(alphaRuns.get(i - 1));
    }
    Collections.reverse(failed);
    return failed;
  }

  @EngineKind.All
  void countCountsEveryMatchingRunWhateverThePageSize(EngineKind engine) {
    Fixture fixture = fixture(engine);
    Hypha hypha = fixture.hypha();
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

  @EngineKind.All
  void aFlowsCountIsOfItsOwnRuns(EngineKind engine) {
    Fixture fixture = fixture(engine);
    FlowBinding<Object, Object> alpha = fixture.alpha();
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

    @Override
    public Optional<RunSummary> summary(RunId id) {
      return history.summary(id);
    }

    @Override
    public Optional<RunSummary> byKey(String flow, String key) {
      return history.byKey(flow, key);
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

  @EngineKind.All
  void aStreamReturnsEveryMatchingRunNewestFirst(EngineKind engine) {
    Fixture fixture = fixture(engine);
    Hypha hypha = fixture.hypha();
    FlowBinding<Object, Object> alpha = fixture.alpha();
    List<RunId> alphaRuns = fixture.alphaRuns();
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

  @EngineKind.All
  void aStreamStartsAfterThePageTokenOfItsQuery(EngineKind engine) {
    Fixture fixture = fixture(engine);
    FlowBinding<Object, Object> alpha = fixture.alpha();
    List<RunId> alphaRuns = fixture.alphaRuns();
    Page<RunSummary> first = alpha.history().find(RunQuery.builder().limit(100).build());
    RunQuery rest =
        RunQuery.builder().limit(100).after(first.nextPageToken().orElseThrow()).build();
    List<RunId> older = new ArrayList<>(alphaRuns.subList(0, ALPHA - 100));
    Collections.reverse(older);
    assertThat(alpha.history().stream(rest))
        .extracting(RunSummary::id)
        .containsExactlyElementsOf(older);
  }

  @EngineKind.All
  void aStreamReadsAPageOnlyWhenItGetsThere(EngineKind engine) {
    Fixture fixture = fixture(engine);
    Hypha hypha = fixture.hypha();
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

  @EngineKind.All
  void failedSinceStreamsEveryFailedRunOfTheFlowNewestFirst(EngineKind engine) {
    Fixture fixture = fixture(engine);
    FlowBinding<Object, Object> alpha = fixture.alpha();
    List<RunId> alphaRuns = fixture.alphaRuns();
    assertThat(alpha.history().failedSince(T0))
        .extracting(RunSummary::id)
        .hasSize(ALPHA / 3)
        .containsExactlyElementsOf(failedAlphaRuns(alphaRuns));
    // Runs 303, 306, ... 330 started at or after T0 + 301 s.
    assertThat(alpha.history().failedSince(T0.plusSeconds(301)))
        .extracting(RunSummary::id)
        .containsExactlyElementsOf(failedAlphaRuns(alphaRuns).subList(0, 10));
    assertThat(alpha.history().failedSince(T0.plusSeconds(ALPHA + 1))).isEmpty();
  }

  @EngineKind.All
  void failedSinceReadsPagesLazily(EngineKind engine) {
    Fixture fixture = fixture(engine);
    FlowBinding<Object, Object> alpha = fixture.alpha();
    List<RunId> alphaRuns = fixture.alphaRuns();
    CountingFlowHistory<Object> history = new CountingFlowHistory<>(alpha.history());
    assertThat(history.failedSince(T0).limit(3).toList())
        .extracting(RunSummary::id)
        .containsExactlyElementsOf(failedAlphaRuns(alphaRuns).subList(0, 3));
    assertThat(history.pages).isEqualTo(1);
    history.pages = 0;
    assertThat(history.failedSince(T0).count()).isEqualTo(ALPHA / 3);
    assertThat(history.pages).as("110 runs, pages of 100").isEqualTo(2);
  }
}
