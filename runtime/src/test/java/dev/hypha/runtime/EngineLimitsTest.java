package dev.hypha.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hypha.runtime.spi.FlowBinding;
import dev.hypha.runtime.spi.RetryPolicy;
import dev.hypha.runtime.spi.TaskDescriptor;
import dev.hypha.runtime.spi.TypeRef;
import dev.hypha.runtime.testing.LambdaFlow;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;

/** What keeps the engine's memory and waits bounded: timers, active runs, recovery pages. */
class EngineLimitsTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final Duration HOUR = Duration.ofHours(1);
  private static final TypeRef<Integer> INT = TypeRef.of(Integer.class);

  @TempDir Path dir;

  /**
   * Defect "timers leak": every ended attempt's {@code @Timeout} and every ended run's deadline
   * stayed queued for its full hour, so a busy engine held one timer per attempt ever run.
   */
  // Embedded only: run deadlines, and the embedded engine's timers.
  @EngineKind.Embedded
  void timersLeaveWhenTheAttemptsAndRunsTheyWatchEnd(EngineKind engine) {
    LambdaFlow flow =
        LambdaFlow.builder("watched")
            .input(INT)
            .deadline(HOUR)
            .task(
                TaskDescriptor.builder("first", INT).timeout(HOUR).build(),
                args -> args.<Integer>input() + 1)
            .task(
                TaskDescriptor.builder("second", INT).dependsOn("first").timeout(HOUR).build(),
                args -> args.<Integer>output(0) * 2)
            .build();
    try (Hypha hypha = engine.builder(dir.resolve("h.db")).flushToDisk(false).open()) {
      FlowBinding<Object, Object> binding = hypha.bind(flow, flow);
      List<Run<Object>> runs = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        runs.add(binding.start(i));
      }
      for (int i = 0; i < runs.size(); i++) {
        assertThat(runs.get(i).await(WAIT)).isEqualTo((i + 1) * 2);
      }
      // The counters are published after the commit that ended the last run: poll for them.
      EngineMetrics metrics =
          Waits.until(hypha::metrics, m -> m.timers() == 0 && m.activeRuns() == 0);
      assertThat(metrics.timers()).isZero();
      assertThat(metrics.activeRuns()).isZero();
    }
  }

  /** The same defect for retries waiting out their backoff and deadlines of cancelled runs. */
  // Embedded only: run deadlines, and the embedded engine's timers.
  @EngineKind.Embedded
  void timersOfWaitingRetriesAndDeadlinesLeaveWhenTheirRunIsCancelled(EngineKind engine) {
    RetryPolicy hourlyRetries = new RetryPolicy(3, HOUR, 1.0, HOUR, 0.0, List.of(), List.of());
    LambdaFlow flow =
        LambdaFlow.builder("retrying")
            .input(INT)
            .deadline(HOUR)
            .task(
                TaskDescriptor.builder("flaky", INT).retry(hourlyRetries).timeout(HOUR).build(),
                args -> {
                  throw new IllegalStateException("down");
                })
            .build();
    try (Hypha hypha = engine.builder(dir.resolve("h.db")).flushToDisk(false).open()) {
      FlowBinding<Object, Object> binding = hypha.bind(flow, flow);
      List<Run<Object>> runs = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        runs.add(binding.start(i));
      }
      for (Run<Object> run : runs) {
        TaskRecord waiting =
            Waits.until(
                () -> run.detail().task("flaky").orElseThrow(),
                task -> task.state() == TaskState.READY && task.failures().size() == 1);
        assertThat(waiting.state()).isEqualTo(TaskState.READY);
        assertThat(waiting.failures()).hasSize(1);
      }
      for (Run<Object> run : runs) {
        assertThat(run.cancel()).isTrue();
        assertThatThrownBy(() -> run.await(WAIT)).isInstanceOf(RunCancelledException.class);
      }
      EngineMetrics metrics =
          Waits.until(hypha::metrics, m -> m.timers() == 0 && m.activeRuns() == 0);
      assertThat(metrics.timers()).isZero();
      assertThat(metrics.activeRuns()).isZero();
    }
  }

  /**
   * Defect: starts had no bound, so callers that started runs faster than they ended grew the
   * engine's memory without limit. A start beyond {@code maxActiveRuns} now waits for a run to end,
   * and is recorded only after that run's end.
   */
  // Embedded only: a shared store does not apply maxActiveRuns.
  @EngineKind.Embedded
  void aStartBeyondMaxActiveRunsWaitsUntilOneOfTheRunsEnds(EngineKind engine) throws Exception {
    Map<Integer, CountDownLatch> gates =
        Map.of(1, new CountDownLatch(1), 2, new CountDownLatch(1), 3, new CountDownLatch(0));
    LambdaFlow flow =
        LambdaFlow.builder("gated")
            .input(INT)
            .task(
                "gate",
                INT,
                args -> {
                  int input = args.<Integer>input();
                  gates.get(input).await();
                  return input;
                })
            .build();
    try (Hypha hypha = engine.builder(dir.resolve("h.db")).maxActiveRuns(2).open()) {
      FlowBinding<Object, Object> binding = hypha.bind(flow, flow);
      Run<Object> first = binding.start(1);
      Run<Object> second = binding.start(2);
      CompletableFuture<Run<Object>> third = new CompletableFuture<>();
      Thread starter =
          new Thread(
              () -> {
                try {
                  third.complete(binding.start(3));
                } catch (Throwable e) {
                  third.completeExceptionally(e);
                }
              },
              "third-starter");
      starter.start();
      Waits.until(
          () ->
              starter.getState() == Thread.State.WAITING
                  || starter.getState() == Thread.State.TIMED_WAITING
                  || third.isDone(),
          "the third start waits");
      assertThat(third).isNotDone();
      assertThat(hypha.history().find(RunQuery.builder().build()).items()).hasSize(2);
      assertThat(hypha.metrics().activeRuns()).isEqualTo(2);

      gates.get(1).countDown();
      Run<Object> started = third.get(WAIT.toSeconds(), TimeUnit.SECONDS);
      assertThat(first.state()).isEqualTo(RunState.SUCCEEDED);
      assertThat(second.state()).isEqualTo(RunState.RUNNING);
      RunSummary firstSummary = first.detail().summary();
      assertThat(started.detail().summary().startedAt())
          .isAfterOrEqualTo(firstSummary.finishedAt().orElseThrow());
      // The serial engine runs one task at a time: the second run's goes before the third's.
      gates.get(2).countDown();
      assertThat(second.await(WAIT)).isEqualTo(2);
      assertThat(started.await(WAIT)).isEqualTo(3);
    } finally {
      gates.values().forEach(CountDownLatch::countDown);
    }
  }

  /**
   * Recovery reads in-flight runs page by page ({@code EmbeddedRuntime.RESUME_PAGE} = 500): a store
   * with more runs in flight than one page takes every one of them up, not the first page only. (On
   * a shared store, the next worker claims them all, those given back at close included.)
   */
  @EngineKind.All
  void runsInFlightBeyondOneRecoveryPageAllGoOnAfterReopening(EngineKind engine) throws Exception {
    int count = 1_200;
    Path file = dir.resolve("h.db");
    CountDownLatch never = new CountDownLatch(1);
    LambdaFlow blocking =
        LambdaFlow.builder("paged")
            .input(INT)
            .task(
                "work",
                INT,
                args -> {
                  never.await();
                  return -1;
                })
            .build();
    List<RunId> ids = new ArrayList<>();
    Hypha first =
        engine.builder(file).flushToDisk(false).shutdownGrace(Duration.ofMillis(100)).open();
    try {
      FlowBinding<Object, Object> binding = first.bind(blocking, blocking);
      List<CompletableFuture<Run<Object>>> starts = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        starts.add(binding.startAsync(i));
      }
      for (CompletableFuture<Run<Object>> start : starts) {
        ids.add(start.get(WAIT.toSeconds(), TimeUnit.SECONDS).id());
      }
    } finally {
      first.close();
      never.countDown();
    }

    LambdaFlow quick =
        LambdaFlow.builder("paged")
            .input(INT)
            .task("work", INT, args -> args.<Integer>input() * 2)
            .build();
    try (Hypha second = engine.builder(file).flushToDisk(false).open()) {
      assertThat(countRuns(second, RunState.RUNNING)).isEqualTo(count);
      FlowBinding<Object, Object> binding = second.bind(quick, quick);
      for (int i = 0; i < count; i++) {
        assertThat(binding.run(ids.get(i)).await(WAIT)).isEqualTo(i * 2);
      }
      assertThat(countRuns(second, RunState.SUCCEEDED)).isEqualTo(count);
    }
  }

  /** How many runs of the store are in {@code state}, read page by page. */
  static int countRuns(Hypha hypha, RunState state) {
    RunQuery.Builder query = RunQuery.builder().state(state).limit(RunQuery.MAX_LIMIT);
    Page<RunSummary> page = hypha.history().find(query.build());
    int count = page.items().size();
    while (page.nextPageToken().isPresent()) {
      page = hypha.history().find(query.after(page.nextPageToken().get()).build());
      count += page.items().size();
    }
    return count;
  }
}
