package dev.hypha.runtime.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hypha.runtime.AttemptRecord;
import dev.hypha.runtime.Hypha;
import dev.hypha.runtime.InvalidConfigurationException;
import dev.hypha.runtime.Run;
import dev.hypha.runtime.RunCancelledException;
import dev.hypha.runtime.RunFailedException;
import dev.hypha.runtime.RunState;
import dev.hypha.runtime.TaskRecord;
import dev.hypha.runtime.TaskState;
import dev.hypha.runtime.Waits;
import dev.hypha.runtime.WorkerRecord;
import dev.hypha.runtime.spi.FlowBinding;
import dev.hypha.runtime.spi.HandlerDescriptor;
import dev.hypha.runtime.spi.RetryPolicy;
import dev.hypha.runtime.spi.TaskDescriptor;
import dev.hypha.runtime.spi.TypeRef;
import dev.hypha.runtime.testing.LambdaFlow;
import dev.hypha.runtime.testing.SharedStores;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Clients and workers of one shared store, in this JVM, on SQLite and on PostgreSQL. */
class SharedStoreTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final TypeRef<Integer> INT = TypeRef.of(Integer.class);

  @TempDir Path dir;

  static List<String> kinds() {
    return SharedStores.kinds();
  }

  /** a → (b, c) → d, each on its own queue; d's output is the result. */
  static LambdaFlow diamond(String name, AtomicInteger calls) {
    return LambdaFlow.builder(name)
        .input(INT)
        .task(
            TaskDescriptor.builder("a", INT).queue("qa").build(),
            args -> {
              calls.incrementAndGet();
              return (Integer) args.input() + 1;
            })
        .task(
            TaskDescriptor.builder("b", INT).queue("qb").dependsOn("a").build(),
            args -> {
              calls.incrementAndGet();
              return (Integer) args.output(0) * 10;
            })
        .task(
            TaskDescriptor.builder("c", INT).queue("qc").dependsOn("a").build(),
            args -> {
              calls.incrementAndGet();
              return (Integer) args.output(0) * 100;
            })
        .task(
            TaskDescriptor.builder("d", INT).queue("qd").dependsOn("b", "c").build(),
            args -> {
              calls.incrementAndGet();
              return (Integer) args.output(1) + (Integer) args.output(2);
            })
        .build();
  }

  private Hypha worker(String url, String name, String... queues) {
    return Hypha.builder()
        .database(url)
        .worker(queues)
        .workerId(name)
        .parallel(4)
        .pollInterval(Duration.ofMillis(20))
        .open();
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void aClientStartsRunsThatWorkersOfEachQueueCarryThrough(String kind) {
    String url = SharedStores.fresh(kind, dir);
    AtomicInteger calls = new AtomicInteger();
    LambdaFlow flow = diamond("diamond", calls);
    try (Hypha client = Hypha.connect(url);
        Hypha first = worker(url, "w1", "qa", "qb");
        Hypha second = worker(url, "w2", "qc", "qd")) {
      first.bind(flow, flow);
      second.bind(flow, flow);
      FlowBinding<Object, Object> runs = client.client(flow);
      List<Run<Object>> started = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        started.add(runs.start(i));
      }
      for (int i = 0; i < 20; i++) {
        assertThat(started.get(i).await(WAIT)).isEqualTo((i + 1) * 10 + (i + 1) * 100);
      }
      assertThat(calls).hasValue(80);
      TaskRecord d = started.get(0).detail().task("d").orElseThrow();
      assertThat(d.state()).isEqualTo(TaskState.SUCCEEDED);
      assertThat(d.attempt()).isEqualTo(1);
      assertThat(d.worker()).contains("w2");
      assertThat(started.get(0).detail().task("a").orElseThrow().worker()).contains("w1");
      assertThat(runs.<Integer>output(started.get(3).id(), 1)).contains(40);
      assertThat(runs.history().result(started.get(3).id())).contains(40 + 400);
      assertThat(client.history().workers())
          .extracting(WorkerRecord::worker)
          .containsExactly("w1", "w2");
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void aRunWaitsVisiblyForAQueueNoWorkerHostsThenGoesOnWhenOneStarts(String kind) {
    String url = SharedStores.fresh(kind, dir);
    LambdaFlow flow = diamond("waiting", new AtomicInteger());
    try (Hypha client = Hypha.connect(url);
        Hypha abc = worker(url, "abc", "qa", "qb", "qc")) {
      abc.bind(flow, flow);
      Run<Object> run = client.client(flow).start(1);
      // b and c run at once, and either may be committed first: d is READY once both are.
      Waits.until(
          () ->
              run.detail().task("b").orElseThrow().state() == TaskState.SUCCEEDED
                  && run.detail().task("c").orElseThrow().state() == TaskState.SUCCEEDED,
          "tasks b and c succeeded");
      TaskRecord d = run.detail().task("d").orElseThrow();
      assertThat(d.state()).isEqualTo(TaskState.READY);
      assertThat(d.queue()).isEqualTo("qd");
      assertThat(client.history().workers()).noneMatch(worker -> worker.hosts("qd"));
      try (Hypha last = worker(url, "d", "qd")) {
        last.bind(flow, flow);
        assertThat(run.await(WAIT)).isEqualTo(220);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void aFailureIsRetriedThenSkipsItsDependentsAndFailsTheRun(String kind) {
    String url = SharedStores.fresh(kind, dir);
    AtomicInteger independent = new AtomicInteger();
    LambdaFlow flow =
        LambdaFlow.builder("failing")
            .task(
                TaskDescriptor.builder("flaky", INT)
                    .retry(
                        new RetryPolicy(
                            2,
                            Duration.ofMillis(10),
                            1.0,
                            Duration.ofMillis(10),
                            0.0,
                            List.of(),
                            List.of()))
                    .build(),
                args -> {
                  throw new IllegalStateException("attempt " + args.context().attempt());
                })
            .task(TaskDescriptor.builder("after", INT).dependsOn("flaky").build(), args -> 1)
            .task(
                TaskDescriptor.builder("other", INT).build(), args -> independent.incrementAndGet())
            .build();
    try (Hypha hypha = worker(url, "w", "default")) {
      Run<Object> run = hypha.bind(flow, flow).start(null);
      assertThatThrownBy(() -> run.await(WAIT))
          .isInstanceOf(RunFailedException.class)
          .hasMessageContaining("attempt 2");
      assertThat(run.state()).isEqualTo(RunState.FAILED);
      TaskRecord flaky = run.detail().task("flaky").orElseThrow();
      assertThat(flaky.state()).isEqualTo(TaskState.FAILED);
      assertThat(flaky.attempt()).isEqualTo(2);
      // Both failed attempts, the last one too, as the embedded engine keeps them.
      assertThat(flaky.failures())
          .extracting(AttemptRecord::outcome)
          .containsExactly(AttemptRecord.Outcome.FAILED, AttemptRecord.Outcome.FAILED);
      assertThat(flaky.failures())
          .extracting(failure -> failure.error().message())
          .containsExactly("attempt 1", "attempt 2");
      assertThat(run.detail().task("after").orElseThrow().state()).isEqualTo(TaskState.SKIPPED);
      assertThat(run.detail().task("other").orElseThrow().state()).isEqualTo(TaskState.SUCCEEDED);
      assertThat(independent).hasValue(1);
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void aCancelledRunsRunningTaskCannotRecordItsResult(String kind) throws Exception {
    String url = SharedStores.fresh(kind, dir);
    CountDownLatch began = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    LambdaFlow flow =
        LambdaFlow.builder("cancelled")
            .task(
                TaskDescriptor.builder("slow", INT).build(),
                args -> {
                  began.countDown();
                  release.await(30, TimeUnit.SECONDS);
                  return 1;
                })
            .task(TaskDescriptor.builder("next", INT).dependsOn("slow").build(), args -> 2)
            .build();
    try (Hypha client = Hypha.connect(url);
        Hypha worker = worker(url, "w", "default")) {
      worker.bind(flow, flow);
      Run<Object> run = client.client(flow).start(null);
      assertThat(began.await(30, TimeUnit.SECONDS)).isTrue();
      assertThat(run.cancel()).isTrue();
      release.countDown();
      assertThatThrownBy(() -> run.await(WAIT)).isInstanceOf(RunCancelledException.class);
      Waits.until(() -> worker.metrics().activeRuns() == 0, "the worker's tasks ended");
      assertThat(run.detail().task("slow").orElseThrow().state()).isEqualTo(TaskState.CANCELLED);
      assertThat(run.detail().task("next").orElseThrow().state()).isEqualTo(TaskState.CANCELLED);
      assertThat(run.cancel()).isFalse();
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void aKeyedStartGivesTheRunOfThatKey(String kind) {
    String url = SharedStores.fresh(kind, dir);
    LambdaFlow flow = diamond("keyed", new AtomicInteger());
    try (Hypha client = Hypha.connect(url)) {
      FlowBinding<Object, Object> runs = client.client(flow);
      Run<Object> first = runs.start(1, "order-1");
      Run<Object> again = runs.start(2, "order-1");
      assertThat(again.id()).isEqualTo(first.id());
      assertThat(runs.start(3, "order-2").id()).isNotEqualTo(first.id());
      assertThat(client.history().find(dev.hypha.runtime.RunQuery.builder().build()).items())
          .hasSize(2);
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void startsFromManyThreadsShareCommitsAndKeepOneRunPerKey(String kind) throws Exception {
    String url = SharedStores.fresh(kind, dir);
    AtomicInteger calls = new AtomicInteger();
    LambdaFlow flow = diamond("many-starts", calls);
    java.util.concurrent.ExecutorService callers =
        java.util.concurrent.Executors.newFixedThreadPool(16);
    try (Hypha hypha = worker(url, "w", "qa", "qb", "qc", "qd")) {
      FlowBinding<Object, Object> runs = hypha.bind(flow, flow);
      List<java.util.concurrent.Future<Run<Object>>> started = new ArrayList<>();
      for (int i = 0; i < 400; i++) {
        int input = i;
        // Every fourth start repeats the key of the one before: 300 distinct runs.
        String key = "k" + (i % 4 == 3 ? i - 1 : i);
        started.add(callers.submit(() -> runs.start(input, key)));
      }
      java.util.Set<dev.hypha.runtime.RunId> ids = new java.util.HashSet<>();
      for (java.util.concurrent.Future<Run<Object>> run : started) {
        ids.add(run.get().id());
        run.get().await(WAIT);
      }
      assertThat(ids).hasSize(300);
      assertThat(hypha.history().count(dev.hypha.runtime.RunQuery.builder().build()))
          .isEqualTo(300);
      assertThat(calls).hasValue(1200);
    } finally {
      callers.shutdownNow();
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void aClientExecutesNothingAndSaysSo(String kind) {
    String url = SharedStores.fresh(kind, dir);
    LambdaFlow flow = diamond("client-only", new AtomicInteger());
    LambdaFlow withHandler =
        LambdaFlow.builder("compensated")
            .task(TaskDescriptor.builder("a", INT).build(), args -> 1)
            .handler(HandlerDescriptor.compensation("a", "undo", RetryPolicy.NONE), args -> null)
            .build();
    try (Hypha client = Hypha.connect(url)) {
      assertThatThrownBy(() -> client.bind(flow, flow))
          .isInstanceOf(InvalidConfigurationException.class)
          .hasMessageContaining("executes nothing");
      assertThatThrownBy(() -> client.client(withHandler).start(null))
          .isInstanceOf(InvalidConfigurationException.class)
          .hasMessageContaining("not yet run by workers of a shared store");
    }
  }

  @Test
  void onPostgresAnIdleWorkerIsWokenByAnotherProcesssStartNotByItsPoll() {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        SharedStores.postgresUrl() != null, SharedStores.URL_VARIABLE + " is not set");
    String url = SharedStores.fresh("postgres", dir);
    LambdaFlow flow = diamond("notified", new AtomicInteger());
    try (Hypha worker =
            Hypha.builder()
                .database(url)
                .worker("qa", "qb", "qc", "qd")
                .pollInterval(Duration.ofMinutes(10))
                .open();
        Hypha client = Hypha.connect(url)) {
      FlowBinding<Object, Object> local = worker.bind(flow, flow);
      // A run started in the worker's own process is taken at once; once it is over, the worker
      // next polls in ten minutes, so only the client's notification can make it take the next
      // run within the wait.
      assertThat(local.start(1).await(WAIT)).isEqualTo(220);
      Run<Object> run = client.client(flow).start(3);
      assertThat(run.await(WAIT)).isEqualTo(440);
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void aStoreWrittenByANewerHyphaIsRefused(String kind) throws Exception {
    String url = SharedStores.fresh(kind, dir);
    try (Hypha client = Hypha.connect(url)) {
      assertThat(client.history().workers()).isEmpty();
    }
    String jdbc = url.startsWith("jdbc:") ? url : "jdbc:sqlite:" + url;
    try (java.sql.Connection connection = java.sql.DriverManager.getConnection(jdbc);
        java.sql.Statement statement = connection.createStatement()) {
      statement.execute(
          "INSERT INTO hypha_schema (version, description, applied_at) VALUES (99, 'x', 0)");
    }
    assertThatThrownBy(() -> Hypha.connect(url))
        .isInstanceOf(dev.hypha.runtime.SchemaTooNewException.class)
        .hasMessageContaining("99");
  }

  @Test
  void anEmbeddedEngineRefusesAFileWithASharedStoresRunsInFlight() {
    Path file = dir.resolve("mixed.db");
    LambdaFlow flow = diamond("mixed", new AtomicInteger());
    try (Hypha client = Hypha.connect(file.toString())) {
      client.client(flow).start(1); // no worker: it stays in flight
    }
    assertThatThrownBy(() -> Hypha.open(file))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("holds 1 run(s) in flight started on it as a shared store")
        .hasMessageContaining("open it as a shared store");
    try (Hypha worker = worker(file.toString(), "w", "qa", "qb", "qc", "qd")) {
      worker.bind(flow, flow);
      Waits.until(
          () ->
              worker
                      .history()
                      .count(dev.hypha.runtime.RunQuery.builder().state(RunState.SUCCEEDED).build())
                  == 1,
          "the shared store's run succeeded");
    }
    try (Hypha embedded = Hypha.open(file)) {
      assertThat(embedded.history().count(dev.hypha.runtime.RunQuery.builder().build()))
          .isEqualTo(1);
    }
  }

  @Test
  void aClientReadsTheHistoryOfAFileAnEmbeddedEngineIsRunningAndSaysWhyItCannotStartRuns()
      throws Exception {
    Path file = dir.resolve("embedded.db");
    CountDownLatch release = new CountDownLatch(1);
    LambdaFlow flow =
        LambdaFlow.builder("held")
            .task(
                TaskDescriptor.builder("slow", INT).build(),
                args -> {
                  release.await(30, TimeUnit.SECONDS);
                  return 7;
                })
            .build();
    try (Hypha engine = Hypha.builder().path(file).workerId("the-engine").open()) {
      Run<Object> run = engine.bind(flow, flow).start(null);
      try (Hypha reader = Hypha.connect(file.toString())) {
        assertThat(reader.history().detail(run.id()).orElseThrow().state())
            .isEqualTo(RunState.RUNNING);
        assertThatThrownBy(() -> reader.client(flow).start(null))
            .isInstanceOf(InvalidConfigurationException.class)
            .hasMessageContaining("is executed by an embedded Hypha engine (the-engine)")
            .hasMessageContaining("only reads its history");
        release.countDown();
        assertThat(run.await(WAIT)).isEqualTo(7);
        // The engine's commits reach the reader: each read is a fresh WAL snapshot.
        Waits.until(
            () -> reader.history().detail(run.id()).orElseThrow().state() == RunState.SUCCEEDED,
            "the reader saw the run succeed");
        assertThat(reader.client(flow).<Integer>output(run.id(), 0)).contains(7);
      }
    }
  }

  @Test
  void anUnreachableServerIsNamedWithTheFix() {
    assertThatThrownBy(() -> Hypha.connect("jdbc:postgresql://127.0.0.1:1/nowhere?user=x"))
        .isInstanceOf(dev.hypha.runtime.StoreUnavailableException.class)
        .hasMessageContaining("cannot connect to PostgreSQL at jdbc:postgresql://127.0.0.1:1/")
        .hasMessageContaining("check that the server runs");
    assertThatThrownBy(() -> Hypha.connect("jdbc:mysql://localhost/x"))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("SQLite or PostgreSQL");
  }
}
