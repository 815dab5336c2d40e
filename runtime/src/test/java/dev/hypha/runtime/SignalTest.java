package dev.hypha.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hypha.runtime.spi.FlowBinding;
import dev.hypha.runtime.spi.HandlerDescriptor;
import dev.hypha.runtime.spi.RetryPolicy;
import dev.hypha.runtime.spi.SignalWait;
import dev.hypha.runtime.spi.TaskDescriptor;
import dev.hypha.runtime.spi.TypeRef;
import dev.hypha.runtime.testing.LambdaFlow;
import dev.hypha.runtime.testing.MovableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;

/**
 * External signals: a task waiting for a signal is READY without a due time (or with its timeout's)
 * and holds no thread; a signal sent to the run, typed or by name as JSON, starts it with the
 * payload, which its row keeps; signals sent before the task got there are kept in order and the
 * first its condition accepts is taken; a timeout fails the task, or hands an Optional parameter an
 * empty one; a wait survives a restart, a signal to a run whose flow is not bound is kept for it,
 * and a cancel ends the wait. Clear errors for unknown runs, ended runs, unknown signals and
 * payloads that do not fit.
 */
class SignalTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final Duration HOUR = Duration.ofHours(1);
  private static final TypeRef<String> STRING = TypeRef.of(String.class);

  /** The payload of the signal "approval". */
  public record Approval(String by, boolean approved) {}

  @TempDir Path dir;

  /** A reviewer's approval counts; anybody else's is ignored. */
  static boolean fromReviewer(Approval approval) {
    return approval.by() != null && approval.by().startsWith("reviewer");
  }

  /**
   * request (blocks on {@code hold}) -> decide, waiting for "approval" from a reviewer for an hour
   * (failing without one); and remind, waiting for any "approval" for a minute, reminding without
   * one.
   */
  static LambdaFlow review(Map<String, AtomicInteger> calls, CountDownLatch hold) {
    return LambdaFlow.builder("review")
        .input(STRING)
        .task(
            "request",
            STRING,
            args -> {
              count(calls, "request");
              hold.await();
              return "doc " + args.<String>input();
            })
        .task(
            TaskDescriptor.builder("decide", STRING)
                .dependsOn("request")
                .signal(
                    SignalWait.of("approval", TypeRef.of(Approval.class))
                        .timeout(HOUR, false)
                        .when(SignalTest::fromReviewer, "fromReviewer"))
                .retry(
                    new RetryPolicy(
                        3,
                        Duration.ofMillis(1),
                        1.0,
                        Duration.ofMillis(1),
                        0.0,
                        List.of(),
                        List.of()))
                .build(),
            args -> {
              count(calls, "decide");
              Approval approval = args.<Approval>signal().orElseThrow();
              return args.<String>output(0)
                  + (approval.approved() ? " approved by " : " rejected by ")
                  + approval.by();
            })
        .task(
            TaskDescriptor.builder("remind", STRING)
                .dependsOn("request")
                .signal(
                    SignalWait.of("approval", TypeRef.of(Approval.class))
                        .timeout(Duration.ofMinutes(1), true))
                .build(),
            args -> {
              count(calls, "remind");
              Optional<Approval> early = args.signal();
              return early.map(a -> "no reminder, " + a.by() + " was quick").orElse("reminded");
            })
        .task("report", STRING, args -> args.<String>output(1), "decide", "remind")
        .result(STRING)
        .build();
  }

  private static void count(Map<String, AtomicInteger> calls, String task) {
    calls.computeIfAbsent(task, key -> new AtomicInteger()).incrementAndGet();
  }

  private static final CountDownLatch OPEN = new CountDownLatch(0);

  private static TaskRecord row(Hypha hypha, RunId id, String task) {
    return hypha.history().detail(id).orElseThrow().task(task).orElseThrow();
  }

  private static void awaitWaiting(Hypha hypha, RunId id, String task) {
    Waits.until(
        () ->
            hypha
                .history()
                .detail(id)
                .flatMap(detail -> detail.task(task))
                .map(row -> row.state() == TaskState.READY)
                .orElse(false),
        task + " to wait for its signal");
  }

  @EngineKind.All
  void aTaskWaitsReadyHoldingNothingUntilItsSignalComesThenRunsWithThePayload(EngineKind engine) {
    Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    LambdaFlow flow = review(calls, OPEN);
    try (Hypha hypha = engine.open(dir.resolve("h.db"))) {
      FlowBinding<Object, Object> review = hypha.bind(flow, flow);
      Run<Object> run = review.start("42");
      awaitWaiting(hypha, run.id(), "decide");
      TaskRecord waiting = row(hypha, run.id(), "decide");
      assertThat(waiting.attempt()).isZero();
      assertThat(waiting.inputJson()).isEmpty();
      Instant requested = row(hypha, run.id(), "request").finishedAt().orElseThrow();
      // Due when its timeout ends: an hour after its dependency (after the commit, when shared).
      assertThat(waiting.readyAt().orElseThrow())
          .isBetween(requested.plus(HOUR), requested.plus(HOUR).plusSeconds(5));
      assertThat(run.state()).isEqualTo(RunState.RUNNING);
      assertThat(calls.get("decide")).isNull();

      review.signal(run.id(), "approval", new Approval("reviewer ann", true));
      assertThat(run.await(WAIT)).isEqualTo("doc 42 approved by reviewer ann");
      TaskRecord decided = row(hypha, run.id(), "decide");
      assertThat(decided.state()).isEqualTo(TaskState.SUCCEEDED);
      assertThat(decided.attempt()).isEqualTo(1);
      assertThat(decided.inputJson()).hasValue("{\"by\":\"reviewer ann\",\"approved\":true}");
      // Not used up: remind took the same signal.
      assertThat(row(hypha, run.id(), "remind").outputJson())
          .hasValue("\"no reminder, reviewer ann was quick\"");
      assertThat(calls.get("decide")).hasValue(1);
    }
  }

  @EngineKind.All
  void signalsSentBeforeTheTaskGotThereAreKeptAndTheFirstItsConditionAcceptsIsTaken(
      EngineKind engine) {
    Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    CountDownLatch hold = new CountDownLatch(1);
    LambdaFlow flow = review(calls, hold);
    try (Hypha hypha = engine.open(dir.resolve("h.db"))) {
      FlowBinding<Object, Object> review = hypha.bind(flow, flow);
      Run<Object> run = review.start("7");
      Waits.until(() -> calls.containsKey("request"), "request to run");
      // request still runs: decide and remind are PENDING. The condition refuses the first.
      review.signal(run.id(), "approval", new Approval("intern", true));
      hypha.signal(run.id(), "approval", "{\"by\":\"reviewer bob\",\"approved\":false}");
      review.signal(run.id(), "approval", new Approval("reviewer cy", true));
      hold.countDown();
      assertThat(run.await(WAIT)).isEqualTo("doc 7 rejected by reviewer bob");
      assertThat(row(hypha, run.id(), "remind").outputJson())
          .hasValue("\"no reminder, intern was quick\"");
    }
  }

  @EngineKind.All
  void aTimeoutFailsATaskThatMustHaveItsSignalWithoutRetryAndHandsAnOptionalOneEmpty(
      EngineKind engine) {
    MovableClock clock = new MovableClock();
    Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    LambdaFlow flow = review(calls, OPEN);
    try (Hypha hypha = engine.builder(dir.resolve("h.db")).clock(clock).open()) {
      Run<Object> run = hypha.bind(flow, flow).start("9");
      awaitWaiting(hypha, run.id(), "decide");
      awaitWaiting(hypha, run.id(), "remind");
      clock.advance(Duration.ofMinutes(2));
      Waits.until(
          () -> row(hypha, run.id(), "remind").state() == TaskState.SUCCEEDED, "remind to run");
      assertThat(row(hypha, run.id(), "remind").outputJson()).hasValue("\"reminded\"");
      assertThat(row(hypha, run.id(), "decide").state()).isEqualTo(TaskState.READY);

      clock.advance(HOUR);
      assertThatThrownBy(() -> run.await(WAIT)).isInstanceOf(RunFailedException.class);
      TaskRecord decide = row(hypha, run.id(), "decide");
      assertThat(decide.state()).isEqualTo(TaskState.FAILED);
      assertThat(decide.attempt()).as("a timeout is not retried").isEqualTo(1);
      assertThat(decide.error().orElseThrow().type())
          .isEqualTo(SignalTimeoutException.class.getName());
      assertThat(decide.error().orElseThrow().message())
          .contains("task decide waited PT1H for signal approval, which did not come");
      assertThat(calls.get("decide")).as("its method never ran").isNull();
      assertThat(row(hypha, run.id(), "report").state()).isEqualTo(TaskState.SKIPPED);

      // The run is over: a late signal is refused, naming how it ended.
      assertThatThrownBy(
              () ->
                  hypha.signal(run.id(), "approval", "{\"by\":\"reviewer dee\",\"approved\":true}"))
          .isInstanceOf(RunEndedException.class)
          .hasMessageContaining("has ended FAILED")
          .hasMessageContaining("signal approval reaches only a RUNNING run");
    }
  }

  @EngineKind.All
  void theWaitSurvivesARestartAndASignalFromAProcessNotExecutingTheRunIsKeptForIt(
      EngineKind engine) {
    Path file = dir.resolve("h.db");
    Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    LambdaFlow flow = review(calls, OPEN);
    RunId id;
    try (Hypha first = engine.open(file)) {
      id = first.bind(flow, flow).start("1").id();
      awaitWaiting(first, id, "decide");
      awaitWaiting(first, id, "remind");
    }
    // A process that does not execute the run: on a shared store a client; embedded, an engine
    // where another shape of the flow is bound, which leaves the run as it is.
    try (Hypha second =
        engine.shared() ? Hypha.builder().database(engine.url(file)).open() : engine.open(file)) {
      if (engine.shared()) {
        second.client(flow);
      } else {
        LambdaFlow reshaped =
            LambdaFlow.builder("review")
                .input(STRING)
                .task(
                    TaskDescriptor.builder("decide", STRING)
                        .signal(SignalWait.of("approval", TypeRef.of(Approval.class)))
                        .build(),
                    args -> "other shape")
                .build();
        second.bind(reshaped, reshaped);
      }
      second.signal(id, "approval", "{\"by\":\"reviewer eve\",\"approved\":true}");
      assertThat(row(second, id, "decide").attempt()).isZero();
      assertThat(calls.get("decide")).isNull();
    }
    try (Hypha third = engine.open(file)) {
      Run<Object> run = third.bind(flow, flow).run(id);
      assertThat(run.await(WAIT)).isEqualTo("doc 1 approved by reviewer eve");
      assertThat(row(third, id, "decide").inputJson())
          .hasValue("{\"by\":\"reviewer eve\",\"approved\":true}");
    }
    assertThat(calls.get("request")).hasValue(1);
    assertThat(calls.get("decide")).hasValue(1);
  }

  @EngineKind.All
  void aWaitingTaskIsCancelledWithItsRun(EngineKind engine) {
    LambdaFlow flow = review(new ConcurrentHashMap<>(), OPEN);
    try (Hypha hypha = engine.open(dir.resolve("h.db"))) {
      Run<Object> run = hypha.bind(flow, flow).start("3");
      awaitWaiting(hypha, run.id(), "decide");
      assertThat(run.cancel()).isTrue();
      assertThatThrownBy(() -> run.await(WAIT)).isInstanceOf(RunCancelledException.class);
      assertThat(row(hypha, run.id(), "decide").state()).isEqualTo(TaskState.CANCELLED);
      if (!engine.shared()) {
        // The engine publishes its timer count after each turn: the cancel's turn, or the next.
        Waits.until(() -> hypha.metrics().timers() == 0, "no timer left");
      }
    }
  }

  @EngineKind.All
  void badSignalsAreRefusedWithAClearErrorAndNothingIsRecorded(EngineKind engine) {
    LambdaFlow flow = review(new ConcurrentHashMap<>(), OPEN);
    try (Hypha hypha = engine.open(dir.resolve("h.db"))) {
      FlowBinding<Object, Object> review = hypha.bind(flow, flow);
      Run<Object> run = review.start("5");
      awaitWaiting(hypha, run.id(), "decide");
      assertThatThrownBy(
              () -> hypha.signal(run.id(), "approval", "{\"by\": 5, \"approved\": \"x\"}"))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("the payload of signal approval of flow review is not a valid")
          .hasMessageContaining("Approval");
      assertThatThrownBy(() -> hypha.signal(run.id(), "approval", "null"))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("the payload of signal approval of flow review is null");
      assertThatThrownBy(() -> review.signal(run.id(), "approval", null))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("is null; send a");
      assertThatThrownBy(() -> hypha.signal(run.id(), "approvl", "{}"))
          .isInstanceOf(UnknownSignalException.class)
          .hasMessageContaining("no task of flow review waits for a signal named 'approvl'")
          .hasMessageContaining("it has approval");
      RunId unknown = RunId.generate(System.currentTimeMillis());
      assertThatThrownBy(() -> review.signal(unknown, "approval", new Approval("reviewer", true)))
          .isInstanceOf(UnknownRunException.class);
      assertThatThrownBy(() -> hypha.signal(unknown, "approval", "{}"))
          .isInstanceOf(UnknownRunException.class);
      assertThat(row(hypha, run.id(), "decide").state()).isEqualTo(TaskState.READY);
      review.signal(run.id(), "approval", new Approval("reviewer fay", true));
      assertThat(run.await(WAIT)).isEqualTo("doc 5 approved by reviewer fay");
    }
  }

  /** Embedded only: fault handlers. A signal's timeout is a fault its handler may recover from. */
  @EngineKind.Embedded
  void aFaultHandlerRecoversFromASignalsTimeout(EngineKind engine) {
    MovableClock clock = new MovableClock();
    LambdaFlow flow =
        LambdaFlow.builder("patient")
            .task(
                TaskDescriptor.builder("decide", STRING)
                    .signal(
                        SignalWait.of("approval", TypeRef.of(Approval.class)).timeout(HOUR, false))
                    .build(),
                args -> "decided by " + args.<Approval>signal().orElseThrow().by())
            .handler(
                HandlerDescriptor.fault(
                    "decide", "assumeNo", List.of(SignalTimeoutException.class)),
                args -> "no answer: " + args.<SignalTimeoutException>exception().getMessage())
            .build();
    try (Hypha hypha = engine.builder(dir.resolve("h.db")).clock(clock).open()) {
      Run<Object> run = hypha.bind(flow, flow).start(null);
      awaitWaiting(hypha, run.id(), "decide");
      clock.advance(HOUR.plusMinutes(1));
      assertThat((String) run.await(WAIT))
          .startsWith("no answer: task decide waited PT1H for signal approval");
      TaskRecord decide = run.detail().task("decide").orElseThrow();
      assertThat(decide.state()).isEqualTo(TaskState.RECOVERED);
      assertThat(decide.error().orElseThrow().type())
          .isEqualTo(SignalTimeoutException.class.getName());
    }
  }
}
