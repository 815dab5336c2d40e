package dev.hypha.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hypha.runtime.spi.RetryPolicy;
import dev.hypha.runtime.spi.TaskDescriptor;
import dev.hypha.runtime.spi.TypeRef;
import dev.hypha.runtime.testing.LambdaFlow;
import dev.hypha.runtime.testing.MovableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;

/**
 * Durable delays: a delayed task is READY with its due time recorded (its dependencies' end plus
 * the delay) and does not start before the engine's clock reaches it, holding no thread; moving the
 * clock past it runs it. The wait survives a restart and ends with a cancelled run. Time is moved
 * by the test's clock, never slept through.
 */
class DelayTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final Duration HOUR = Duration.ofHours(1);
  private static final TypeRef<Integer> INT = TypeRef.of(Integer.class);

  @TempDir Path dir;

  /** first, then later (an hour after first ended), then last. */
  static LambdaFlow delayed(Map<String, AtomicInteger> calls) {
    return LambdaFlow.builder("delayed")
        .task(
            "first",
            INT,
            args -> {
              calls.computeIfAbsent("first", key -> new AtomicInteger()).incrementAndGet();
              return 1;
            })
        .task(
            TaskDescriptor.builder("later", INT).dependsOn("first").delay(HOUR).build(),
            args -> {
              calls.computeIfAbsent("later", key -> new AtomicInteger()).incrementAndGet();
              return args.<Integer>output(0) + 1;
            })
        .task("last", INT, args -> args.<Integer>output(1) * 10, "later")
        .build();
  }

  /** The run's row of {@code task}, read from the store. */
  private static TaskRecord row(Hypha hypha, RunId id, String task) {
    return hypha.history().detail(id).orElseThrow().task(task).orElseThrow();
  }

  private static void awaitWaiting(Hypha hypha, RunId id) {
    Waits.until(() -> row(hypha, id, "later").state() == TaskState.READY, "later to wait");
  }

  @EngineKind.All
  void aDelayedTaskWaitsForItsRecordedDueTimeOnTheClock(EngineKind engine) {
    MovableClock clock = new MovableClock();
    Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    LambdaFlow flow = delayed(calls);
    try (Hypha hypha = engine.builder(dir.resolve("h.db")).clock(clock).open()) {
      Run<Object> run = hypha.bind(flow, flow).start(null);
      awaitWaiting(hypha, run.id());
      TaskRecord waiting = row(hypha, run.id(), "later");
      Instant firstEnded = row(hypha, run.id(), "first").finishedAt().orElseThrow();
      // Due an hour after first's end (on a shared store: after the commit that recorded it).
      Instant due = waiting.readyAt().orElseThrow();
      assertThat(due).isBetween(firstEnded.plus(HOUR), firstEnded.plus(HOUR).plusSeconds(5));
      assertThat(waiting.attempt()).isZero();
      assertThat(run.state()).isEqualTo(RunState.RUNNING);
      if (!engine.shared()) {
        assertThat(hypha.metrics().timers()).as("one timer, no thread, waits").isEqualTo(1);
      }

      clock.advance(HOUR);
      assertThat(run.await(WAIT)).isEqualTo(20);
      TaskRecord ran = row(hypha, run.id(), "later");
      assertThat(ran.readyAt()).contains(due);
      assertThat(ran.startedAt().orElseThrow()).isAfterOrEqualTo(due);
      assertThat(calls.get("later")).hasValue(1);
    }
  }

  @EngineKind.All
  void theWaitSurvivesARestartAndEndsWhenTheClockPassesItsDueTime(EngineKind engine) {
    Path file = dir.resolve("h.db");
    Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    LambdaFlow flow = delayed(calls);
    RunId id;
    MovableClock clock = new MovableClock();
    try (Hypha first = engine.builder(file).clock(clock).open()) {
      id = first.bind(flow, flow).start(null).id();
      awaitWaiting(first, id);
    }
    clock.advance(HOUR.multipliedBy(2));
    try (Hypha second = engine.builder(file).clock(clock).open()) {
      Run<Object> run = second.bind(flow, flow).run(id);
      assertThat(run.await(WAIT)).isEqualTo(20);
    }
    assertThat(calls.get("first")).hasValue(1);
    assertThat(calls.get("later")).hasValue(1);
  }

  /**
   * Defect (found in review): a delayed task caught running by a restart waited its whole delay
   * again. Its wait was served: it runs again at once, as any task caught running.
   */
  @EngineKind.All
  void aDelayedTaskCaughtRunningByARestartDoesNotWaitAgain(EngineKind engine) throws Exception {
    Path file = dir.resolve("h.db");
    MovableClock clock = new MovableClock();
    CountDownLatch began = new CountDownLatch(1);
    AtomicInteger attempts = new AtomicInteger();
    LambdaFlow blocking =
        LambdaFlow.builder("delayed")
            .task("first", INT, args -> 1)
            .task(
                TaskDescriptor.builder("later", INT).dependsOn("first").delay(HOUR).build(),
                args -> {
                  if (attempts.incrementAndGet() == 1) {
                    began.countDown();
                    Thread.sleep(60_000); // cut short by the close
                  }
                  return 2;
                })
            .task("last", INT, args -> args.<Integer>output(1) * 10, "later")
            .build();
    RunId id;
    Hypha first = engine.builder(file).clock(clock).shutdownGrace(Duration.ofMillis(50)).open();
    try {
      id = first.bind(blocking, blocking).start(null).id();
      awaitWaiting(first, id);
      clock.advance(HOUR);
      began.await();
    } finally {
      first.close();
    }
    try (Hypha second = engine.builder(file).clock(clock).open()) {
      Run<Object> run = second.bind(blocking, blocking).run(id);
      assertThat(run.await(WAIT)).isEqualTo(20);
      assertThat(row(second, id, "later").attempt()).isEqualTo(2);
    }
  }

  /**
   * A delayed root task waits from the run's start; a delayed join reached through a branch not
   * taken waits too; a delayed task that fails and is retried waits for its backoff only, not for
   * its delay again.
   */
  @EngineKind.All
  void rootsJoinsAndRetriesOfDelayedTasksWaitAsTheyShould(EngineKind engine) {
    MovableClock clock = new MovableClock();
    AtomicInteger rootAttempts = new AtomicInteger();
    LambdaFlow flow =
        LambdaFlow.builder("delayed-shapes")
            .task(
                TaskDescriptor.builder("root", INT)
                    .delay(HOUR)
                    .retry(
                        new RetryPolicy(
                            2,
                            Duration.ofMillis(10),
                            1.0,
                            Duration.ofMillis(10),
                            0.0,
                            java.util.List.of(),
                            java.util.List.of()))
                    .build(),
                args -> {
                  if (rootAttempts.incrementAndGet() == 1) {
                    throw new IllegalStateException("first attempt fails");
                  }
                  return 1;
                })
            .task(
                "maybe",
                new TypeRef<java.util.Optional<Integer>>() {},
                args -> java.util.Optional.empty(),
                "root")
            .task(
                TaskDescriptor.builder("used", INT)
                    .dependsOn("maybe")
                    .when("maybe", dev.hypha.runtime.spi.Guard.present())
                    .build(),
                args -> 2)
            .task(
                TaskDescriptor.builder("join", INT)
                    .dependsOn("used")
                    .optional("used")
                    .delay(HOUR)
                    .build(),
                args -> args.<Integer>optionalOutput(2).orElse(7))
            .build();
    try (Hypha hypha = engine.builder(dir.resolve("h.db")).clock(clock).open()) {
      Run<Object> run = hypha.bind(flow, flow).start(null);
      Waits.until(() -> row(hypha, run.id(), "root").state() == TaskState.READY, "root to wait");
      assertThat(rootAttempts).hasValue(0);
      clock.advance(HOUR);
      // root fails once and is retried after its backoff (no second delay), then join waits.
      Waits.until(() -> row(hypha, run.id(), "join").state() == TaskState.READY, "join to wait");
      assertThat(rootAttempts).hasValue(2);
      assertThat(row(hypha, run.id(), "used").skipReason()).contains(SkipReason.NOT_TAKEN);
      assertThat(run.state()).isEqualTo(RunState.RUNNING);
      clock.advance(HOUR);
      assertThat(run.await(WAIT)).isEqualTo(7);
    }
  }

  /** plan returns an instant ({@code ahead} of the clock); remind waits until it. */
  static LambdaFlow planned(MovableClock clock, Duration ahead, AtomicInteger reminded) {
    return LambdaFlow.builder("planned")
        .task(
            "plan",
            TypeRef.of(Instant.class),
            args -> clock.instant().plus(ahead).truncatedTo(java.time.temporal.ChronoUnit.MICROS))
        .task(
            TaskDescriptor.builder("remind", INT).dependsOn("plan").waitUntil("plan").build(),
            args -> reminded.incrementAndGet())
        .build();
  }

  @EngineKind.All
  void aTaskWaitsUntilTheInstantItsDependencyReturned(EngineKind engine) throws Exception {
    MovableClock clock = new MovableClock();
    AtomicInteger reminded = new AtomicInteger();
    Path file = dir.resolve("h.db");
    LambdaFlow flow = planned(clock, HOUR.multipliedBy(2), reminded);
    RunId id;
    Instant planned;
    try (Hypha first = engine.builder(file).clock(clock).open()) {
      id = first.bind(flow, flow).start(null).id();
      Waits.until(() -> row(first, id, "remind").state() == TaskState.READY, "remind to wait");
      planned = Instant.parse(row(first, id, "plan").outputJson().orElseThrow().replace("\"", ""));
      assertThat(row(first, id, "remind").readyAt()).contains(planned);
      clock.advance(HOUR);
      assertThat(row(first, id, "remind").state()).isEqualTo(TaskState.READY);
    }
    assertThat(reminded).hasValue(0);
    clock.advance(HOUR);
    try (Hypha second = engine.builder(file).clock(clock).open()) {
      Run<Object> run = second.bind(flow, flow).run(id);
      assertThat(run.await(WAIT)).isEqualTo(1);
      assertThat(row(second, id, "remind").startedAt().orElseThrow()).isAfterOrEqualTo(planned);
    }
  }

  /**
   * The instant's source and the waiting task's last input end apart (on a shared store: in two
   * transactions, the source's first); with a delay too, the later of the two counts.
   */
  @EngineKind.All
  void theInstantCountsWhenItsSourceEndsBeforeTheLastInputAndTheLaterWaitWins(EngineKind engine)
      throws Exception {
    MovableClock clock = new MovableClock();
    CountDownLatch release = new CountDownLatch(1);
    Duration ahead = HOUR.multipliedBy(3);
    LambdaFlow flow =
        LambdaFlow.builder("apart")
            .task(
                "plan",
                TypeRef.of(Instant.class),
                args ->
                    clock.instant().plus(ahead).truncatedTo(java.time.temporal.ChronoUnit.MICROS))
            .task(
                "slow",
                INT,
                args -> {
                  release.await();
                  return 1;
                })
            .task(
                TaskDescriptor.builder("remind", INT)
                    .dependsOn("plan", "slow")
                    .waitUntil("plan")
                    .delay(HOUR)
                    .build(),
                args -> args.<Integer>output(1) + 1)
            .build();
    try (Hypha hypha = engine.builder(dir.resolve("h.db")).clock(clock).open()) {
      Run<Object> run = hypha.bind(flow, flow).start(null);
      try {
        Waits.until(() -> row(hypha, run.id(), "plan").state().isFinal(), "plan to end");
      } finally {
        release.countDown();
      }
      Waits.until(() -> row(hypha, run.id(), "remind").state() == TaskState.READY, "the wait");
      Instant planned =
          Instant.parse(row(hypha, run.id(), "plan").outputJson().orElseThrow().replace("\"", ""));
      // The instant (3 h ahead) is later than the delay's end (1 h after slow ended).
      assertThat(row(hypha, run.id(), "remind").readyAt()).contains(planned);
      clock.advance(HOUR.multipliedBy(2));
      assertThat(row(hypha, run.id(), "remind").state()).isEqualTo(TaskState.READY);
      clock.advance(HOUR.multipliedBy(2));
      assertThat(run.await(WAIT)).isEqualTo(2);
    }
  }

  /** A null instant holds nothing; one beyond what the store's microseconds hold waits forever. */
  @EngineKind.All
  void aNullInstantDoesNotHoldAndInstantMaxWaitsWithoutBreakingAnything(EngineKind engine) {
    AtomicInteger reminded = new AtomicInteger();
    Map<String, Instant> returned = new ConcurrentHashMap<>();
    LambdaFlow flow =
        LambdaFlow.builder("extremes")
            .input(TypeRef.of(String.class))
            .task("plan", TypeRef.of(Instant.class), args -> returned.get(args.<String>input()))
            .task(
                TaskDescriptor.builder("remind", INT).dependsOn("plan").waitUntil("plan").build(),
                args -> reminded.incrementAndGet())
            .build();
    returned.put("max", Instant.MAX);
    try (Hypha hypha = engine.open(dir.resolve("h.db"))) {
      var binding = hypha.bind(flow, flow);
      assertThat(binding.start("null").await(WAIT)).isEqualTo(1);
      Run<Object> forever = binding.start("max");
      Waits.until(
          () -> row(hypha, forever.id(), "remind").state() == TaskState.READY, "the long wait");
      assertThat(binding.start("null").await(WAIT)).as("the engine goes on").isEqualTo(2);
      assertThat(forever.cancel()).isTrue();
    }
  }

  @EngineKind.All
  void anInstantAlreadyPastDoesNotHoldTheTask(EngineKind engine) {
    MovableClock clock = new MovableClock();
    AtomicInteger reminded = new AtomicInteger();
    LambdaFlow flow = planned(clock, HOUR.negated(), reminded);
    try (Hypha hypha = engine.builder(dir.resolve("h.db")).clock(clock).open()) {
      assertThat(hypha.bind(flow, flow).start(null).await(WAIT)).isEqualTo(1);
    }
  }

  @EngineKind.All
  void cancellingTheRunEndsTheWait(EngineKind engine) {
    MovableClock clock = new MovableClock();
    Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    LambdaFlow flow = delayed(calls);
    try (Hypha hypha = engine.builder(dir.resolve("h.db")).clock(clock).open()) {
      Run<Object> run = hypha.bind(flow, flow).start(null);
      awaitWaiting(hypha, run.id());
      assertThat(run.cancel()).isTrue();
      Waits.until(() -> run.state() == RunState.CANCELLED, "the run to be cancelled");
      assertThat(row(hypha, run.id(), "later").state()).isEqualTo(TaskState.CANCELLED);
      if (!engine.shared()) {
        Waits.until(() -> hypha.metrics().timers() == 0, "the wait's timer to go");
      }
      clock.advance(HOUR.multipliedBy(2));
      Run<Object> next = hypha.bind(flow, flow).start(null);
      awaitWaiting(hypha, next.id());
      clock.advance(HOUR.multipliedBy(2));
      next.await(WAIT);
      assertThat(calls.get("later")).as("only the second run's").hasValue(1);
    }
  }
}
