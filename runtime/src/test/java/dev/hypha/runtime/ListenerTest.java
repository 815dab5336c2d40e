package dev.hypha.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hypha.runtime.spi.TypeRef;
import dev.hypha.runtime.testing.LambdaFlow;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;

class ListenerTest {
  @TempDir Path dir;

  // Embedded only: on a shared store, rows made READY or SKIPPED by a statement are not announced.
  @EngineKind.Embedded
  void listenersHearEveryCommittedChangeInOrderAndOneThatThrowsBreaksNothing(EngineKind engine)
      throws Exception {
    List<String> heard = new CopyOnWriteArrayList<>();
    CountDownLatch ended = new CountDownLatch(1);
    HyphaListener throwing =
        new HyphaListener() {
          @Override
          public void onTaskEvent(TaskEvent event) {
            throw new IllegalStateException("listener bug");
          }
        };
    HyphaListener recording =
        new HyphaListener() {
          @Override
          public void onRunEvent(RunEvent event) {
            heard.add("run " + event.state());
            if (event.state().isFinal()) {
              ended.countDown();
            }
          }

          @Override
          public void onTaskEvent(TaskEvent event) {
            heard.add(event.task() + " " + event.state() + " #" + event.attempt());
          }
        };
    TypeRef<Integer> integer = TypeRef.of(Integer.class);
    LambdaFlow flow =
        LambdaFlow.builder("listened")
            .task("a", integer, args -> 1)
            .task(
                "b",
                integer,
                args -> {
                  throw new IllegalArgumentException("no");
                },
                "a")
            .task("c", integer, args -> 3, "b")
            .build();
    try (Hypha hypha =
        engine.builder(dir.resolve("h.db")).listener(throwing).listener(recording).open()) {
      Run<Object> run = hypha.bind(flow, flow).start(null);
      assertThat(ended.await(20, TimeUnit.SECONDS)).isTrue();
      assertThat(run.state()).isEqualTo(RunState.FAILED);
    }
    assertThat(heard)
        .containsExactly(
            "run RUNNING",
            "a RUNNING #1",
            "a SUCCEEDED #1",
            "b RUNNING #1",
            "b FAILED #1",
            "c SKIPPED #0",
            "run FAILED");
  }

  @EngineKind.All
  void aListenerAddedToAnOpenHyphaHearsEachAttemptWithItsOutcomeAndTimes(EngineKind engine)
      throws Exception {
    List<String> heard = new CopyOnWriteArrayList<>();
    List<AttemptEvent> attempts = new CopyOnWriteArrayList<>();
    CountDownLatch ended = new CountDownLatch(1);
    HyphaListener recording =
        new HyphaListener() {
          @Override
          public void onRunEvent(RunEvent event) {
            if (event.state().isFinal()) {
              ended.countDown();
            }
          }

          @Override
          public void onTaskEvent(TaskEvent event) {
            heard.add(event.task() + " " + event.state() + " #" + event.attempt());
          }

          @Override
          public void onAttemptEnded(AttemptEvent event) {
            attempts.add(event);
            heard.add(event.task() + " attempt " + event.attempt() + " " + event.outcome());
          }
        };
    TypeRef<Integer> integer = TypeRef.of(Integer.class);
    java.util.concurrent.atomic.AtomicInteger calls =
        new java.util.concurrent.atomic.AtomicInteger();
    LambdaFlow flow =
        LambdaFlow.builder("retried")
            .task(
                dev.hypha.runtime.spi.TaskDescriptor.builder("flaky", integer)
                    .retry(
                        new dev.hypha.runtime.spi.RetryPolicy(
                            2,
                            java.time.Duration.ZERO,
                            1.0,
                            java.time.Duration.ZERO,
                            0.0,
                            List.of(),
                            List.of()))
                    .build(),
                args -> {
                  if (calls.incrementAndGet() == 1) {
                    throw new IllegalStateException("first call fails");
                  }
                  return 2;
                })
            .build();
    try (Hypha hypha = engine.builder(dir.resolve("h.db")).open()) {
      assertThat(hypha.addListener(recording)).isTrue();
      Run<Object> run = hypha.bind(flow, flow).start(null);
      assertThat(ended.await(20, TimeUnit.SECONDS)).isTrue();
      assertThat(run.state()).isEqualTo(RunState.SUCCEEDED);
    }
    assertThat(heard)
        .containsExactly(
            "flaky RUNNING #1",
            "flaky attempt 1 FAILED",
            "flaky READY #1",
            "flaky RUNNING #2",
            "flaky attempt 2 SUCCEEDED",
            "flaky SUCCEEDED #2");
    assertThat(attempts.get(0).error().orElseThrow().message()).isEqualTo("first call fails");
    assertThat(attempts.get(1).error()).isEmpty();
    assertThat(attempts)
        .allSatisfy(
            attempt -> {
              assertThat(attempt.kind()).isEqualTo(TaskKind.TASK);
              assertThat(attempt.flow()).isEqualTo("retried");
              assertThat(attempt.duration()).isGreaterThanOrEqualTo(java.time.Duration.ZERO);
            });
  }

  static List<String> sharedKinds() {
    return dev.hypha.runtime.testing.SharedStores.kinds();
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.MethodSource("sharedKinds")
  void onASharedStoreEachProcessHearsWhatItCommits(String kind) throws Exception {
    String url = dev.hypha.runtime.testing.SharedStores.fresh(kind, dir);
    List<String> client = new CopyOnWriteArrayList<>();
    List<String> worker = new CopyOnWriteArrayList<>();
    CountDownLatch ended = new CountDownLatch(1);
    TypeRef<Integer> integer = TypeRef.of(Integer.class);
    LambdaFlow flow =
        LambdaFlow.builder("split")
            .input(integer)
            .result(integer)
            .task("a", integer, args -> 1)
            .task(
                "b",
                integer,
                args -> {
                  throw new IllegalArgumentException("b refuses");
                },
                "a")
            .build();
    try (Hypha starting = Hypha.builder().database(url).listener(record(client, null)).open()) {
      try (Hypha working =
          Hypha.builder()
              .database(url)
              .worker(dev.hypha.runtime.spi.TaskDescriptor.DEFAULT_QUEUE)
              .parallel(2)
              .pollInterval(java.time.Duration.ofMillis(20))
              .listener(record(worker, ended))
              .open()) {
        working.bind(flow, flow);
        Run<Object> run = starting.client(flow).start(7);
        assertThat(ended.await(20, TimeUnit.SECONDS)).isTrue();
        assertThat(run.state()).isEqualTo(RunState.FAILED);
      }
      // With no worker left, so that nothing takes it first.
      assertThat(starting.cancel(starting.client(flow).start(8).id())).isTrue();
    }
    // The client started both runs and cancelled one; the worker ran the tasks and ended the run.
    assertThat(client).containsExactly("run RUNNING", "run RUNNING", "run CANCELLED");
    assertThat(worker)
        .containsExactly(
            "a RUNNING #1",
            "a attempt 1 SUCCEEDED",
            "a SUCCEEDED #1",
            "b RUNNING #1",
            "b attempt 1 FAILED b refuses",
            "b FAILED #1",
            "run FAILED b refuses");
  }

  /** A listener that writes what it hears into {@code heard}; a run's end counts down. */
  private static HyphaListener record(List<String> heard, CountDownLatch ended) {
    return new HyphaListener() {
      @Override
      public void onRunEvent(RunEvent event) {
        heard.add(
            "run " + event.state() + event.error().map(error -> " " + error.message()).orElse(""));
        if (ended != null && event.state().isFinal()) {
          ended.countDown();
        }
      }

      @Override
      public void onTaskEvent(TaskEvent event) {
        heard.add(event.task() + " " + event.state() + " #" + event.attempt());
      }

      @Override
      public void onAttemptEnded(AttemptEvent event) {
        heard.add(
            event.task()
                + " attempt "
                + event.attempt()
                + " "
                + event.outcome()
                + event.error().map(error -> " " + error.message()).orElse(""));
      }
    };
  }
}
