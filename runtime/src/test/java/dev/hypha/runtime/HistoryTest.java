package dev.hypha.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hypha.runtime.spi.FlowBinding;
import dev.hypha.runtime.spi.TypeRef;
import dev.hypha.runtime.testing.LambdaFlow;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.io.TempDir;

class HistoryTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final TypeRef<Integer> INT = TypeRef.of(Integer.class);
  private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

  @TempDir Path dir;

  /** A clock the test moves by hand. */
  static final class ManualClock extends Clock {
    final AtomicReference<Instant> now = new AtomicReference<>(T0);

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now.get();
    }

    void set(Instant instant) {
      now.set(instant);
    }
  }

  static LambdaFlow flow(String name) {
    return LambdaFlow.builder(name)
        .input(INT)
        .result(INT)
        .task(
            "check",
            INT,
            args -> {
              int value = args.<Integer>input();
              if (value % 3 == 0) {
                throw new IllegalArgumentException("multiple of three: " + value);
              }
              return value;
            })
        .build();
  }

  @EngineKind.All
  void findsRunsByFlowStateAndTimeNewestFirstWithPaging(EngineKind engine) {
    ManualClock clock = new ManualClock();
    LambdaFlow alpha = flow("alpha");
    LambdaFlow beta = flow("beta");
    List<RunId> alphaIds = new ArrayList<>();
    try (Hypha hypha = engine.builder(dir.resolve("h.db")).clock(clock).open()) {
      FlowBinding<Object, Object> a = hypha.bind(alpha, alpha);
      FlowBinding<Object, Object> b = hypha.bind(beta, beta);
      for (int i = 1; i <= 12; i++) {
        clock.set(T0.plusSeconds(60L * i));
        Run<Object> run = a.start(i);
        awaitQuietly(run);
        alphaIds.add(run.id());
        awaitQuietly(b.start(i));
      }
      RunHistory history = hypha.history();

      Page<RunSummary> all = history.find(RunQuery.builder().limit(100).build());
      assertThat(all.items()).hasSize(24);
      assertThat(all.items())
          .extracting(RunSummary::startedAt)
          .isSortedAccordingTo(java.util.Comparator.reverseOrder());
      assertThat(all.nextPageToken()).isEmpty();

      Page<RunSummary> failedAlpha =
          history.find(RunQuery.builder().flow("alpha").state(RunState.FAILED).build());
      assertThat(failedAlpha.items())
          .extracting(RunSummary::id)
          .containsExactly(alphaIds.get(11), alphaIds.get(8), alphaIds.get(5), alphaIds.get(2));
      assertThat(failedAlpha.items().get(0).error().get().message())
          .isEqualTo("multiple of three: 12");

      Page<RunSummary> window =
          history.find(
              RunQuery.builder()
                  .flow("alpha")
                  .startedFrom(T0.plusSeconds(60 * 4))
                  .startedBefore(T0.plusSeconds(60 * 7))
                  .build());
      assertThat(window.items())
          .extracting(RunSummary::id)
          .containsExactly(alphaIds.get(5), alphaIds.get(4), alphaIds.get(3));

      List<RunId> paged = new ArrayList<>();
      RunQuery.Builder query = RunQuery.builder().flow("alpha").limit(5);
      Page<RunSummary> page = history.find(query.build());
      paged.addAll(page.items().stream().map(RunSummary::id).toList());
      while (page.nextPageToken().isPresent()) {
        page = history.find(query.after(page.nextPageToken().get()).build());
        paged.addAll(page.items().stream().map(RunSummary::id).toList());
      }
      List<RunId> newestFirst = new ArrayList<>(alphaIds);
      java.util.Collections.reverse(newestFirst);
      assertThat(paged).containsExactlyElementsOf(newestFirst);

      // Every alpha run has a beta run started at the same instant: pages of 3 break such ties
      // by the run's key, so paging through all 24 meets each run exactly once.
      List<RunId> everything = new ArrayList<>();
      RunQuery.Builder small = RunQuery.builder().limit(3);
      Page<RunSummary> part = history.find(small.build());
      everything.addAll(part.items().stream().map(RunSummary::id).toList());
      while (part.nextPageToken().isPresent()) {
        part = history.find(small.after(part.nextPageToken().get()).build());
        everything.addAll(part.items().stream().map(RunSummary::id).toList());
      }
      assertThat(everything).hasSize(24).doesNotHaveDuplicates();
      assertThat(everything)
          .containsExactlyElementsOf(all.items().stream().map(RunSummary::id).toList());

      FlowHistoryAssertions.failedSince(
          a, T0.plusSeconds(60 * 9), alphaIds.get(11), alphaIds.get(8));
      assertThat(a.history().latest(2))
          .extracting(RunSummary::id)
          .containsExactly(alphaIds.get(11), alphaIds.get(10));
      assertThat(a.history().result(alphaIds.get(0))).contains(1);
      assertThat(a.history().result(alphaIds.get(2))).isEmpty();
      assertThat(a.history().detail(alphaIds.get(0))).isPresent();
      assertThat(b.history().detail(alphaIds.get(0))).isEmpty();
    }
  }

  @EngineKind.All
  void badQueriesNameTheProblem(EngineKind engine) {
    try (Hypha hypha = engine.open(dir.resolve("h.db"))) {
      assertThatThrownBy(() -> RunQuery.builder().limit(0).build())
          .isInstanceOf(InvalidQueryException.class)
          .hasMessageContaining("limit must be between 1 and 1000, was 0")
          .satisfies(e -> assertThat(((InvalidQueryException) e).parameter()).isEqualTo("limit"));
      assertThatThrownBy(() -> RunQuery.builder().limit(1001).build())
          .isInstanceOf(InvalidQueryException.class)
          .hasMessageContaining("page with after()");
      assertThatThrownBy(() -> RunQuery.builder().state(RunState.FAILED, null))
          .isInstanceOf(InvalidQueryException.class)
          .hasMessageContaining("a state to match is null")
          .satisfies(e -> assertThat(((InvalidQueryException) e).parameter()).isEqualTo("states"));
      assertThatThrownBy(
              () -> RunQuery.builder().startedFrom(T0.plusSeconds(1)).startedBefore(T0).build())
          .isInstanceOf(InvalidQueryException.class)
          .hasMessageContaining(
              "startedFrom " + T0.plusSeconds(1) + " is after startedBefore " + T0)
          .hasMessageContaining("swap them");
      assertThatThrownBy(
              () ->
                  new RunQuery(
                      java.util.Optional.empty(),
                      null,
                      java.util.Optional.empty(),
                      java.util.Optional.empty(),
                      10,
                      java.util.Optional.empty()))
          .isInstanceOf(InvalidQueryException.class)
          .hasMessageContaining("states is null");
      for (String token : List.of("nonsense", "", "12", "1.x", ".")) {
        assertThatThrownBy(() -> hypha.history().find(RunQuery.builder().after(token).build()))
            .isInstanceOf(InvalidQueryException.class)
            .hasMessageContaining("not a page token: '" + token + "'")
            .hasMessageContaining("pass the nextPageToken of the previous page")
            .satisfies(e -> assertThat(((InvalidQueryException) e).parameter()).isEqualTo("after"));
      }
      assertThatThrownBy(
              () -> hypha.history().stream(RunQuery.builder().after("nonsense").build()).toList())
          .isInstanceOf(InvalidQueryException.class);
      assertThatThrownBy(() -> RunId.of("42"))
          .isInstanceOf(InvalidQueryException.class)
          .hasMessageContaining("not a run id: '42'");
      RunId unknown = RunId.generate(System.currentTimeMillis());
      assertThat(hypha.history().detail(unknown)).isEmpty();
      LambdaFlow alpha = flow("alpha");
      FlowBinding<Object, Object> bound = hypha.bind(alpha, alpha);
      assertThatThrownBy(() -> bound.history().latest(0)).isInstanceOf(InvalidQueryException.class);
      assertThatThrownBy(() -> bound.run(unknown))
          .isInstanceOf(UnknownRunException.class)
          .hasMessageContaining("no run " + unknown + " of flow alpha");
    }
  }

  private static void awaitQuietly(Run<Object> run) {
    try {
      run.await(WAIT);
    } catch (RunFailedException expected) {
      // Every third input fails on purpose.
    }
  }

  /** Typed queries through a flow's history. */
  static final class FlowHistoryAssertions {
    static void failedSince(FlowBinding<Object, Object> flow, Instant since, RunId... expected) {
      assertThat(flow.history().failedSince(since))
          .extracting(RunSummary::id)
          .containsExactly(expected);
    }
  }
}
