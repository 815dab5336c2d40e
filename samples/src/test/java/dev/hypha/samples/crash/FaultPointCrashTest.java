package dev.hypha.samples.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.hypha.runtime.AttemptRecord;
import dev.hypha.runtime.Hypha;
import dev.hypha.runtime.Run;
import dev.hypha.runtime.RunDetail;
import dev.hypha.runtime.RunFailedException;
import dev.hypha.runtime.RunQuery;
import dev.hypha.runtime.RunState;
import dev.hypha.runtime.RunSummary;
import dev.hypha.runtime.TaskRecord;
import dev.hypha.runtime.TaskState;
import dev.hypha.samples.ChildJvm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Halts a process at each named fault point of the engine ({@code -Dhypha.faults=<point>@<n>=halt}:
 * the JVM ends at once, as after {@code kill -9}), reopens the store in this JVM and checks what
 * the engine promises for that window: first about the store as the halted process left it (read
 * before the flow is bound, i.e. before this process takes the run up), then about the run this
 * process finishes.
 *
 * <p>The flows are chains run by the serial engine, whose steps take far longer than a commit, so
 * each window falls at a known step: the task points count the calls; the commit points count the
 * engine's turns, which are the start, then each step's beginning and end (an idle turn before the
 * start, on a slow machine, moves a window one step earlier: the assertions read which step the
 * halt hit from the store and the side-effect log instead of assuming it). Whatever the window,
 * these hold and are checked each time:
 *
 * <ul>
 *   <li>nothing acted on a transition before it was committed: a step ran in the halted process
 *       only if the step before it is recorded as ended;
 *   <li>a step recorded SUCCEEDED ran to its end in the halted process and never runs again;
 *   <li>a step whose beginning was committed and that was cut short keeps that attempt in its
 *       history as INTERRUPTED (worker and start time kept) and runs again as the next attempt,
 *       with the same idempotency key;
 *   <li>a step whose beginning was not committed runs again as the same attempt, leaving no trace.
 * </ul>
 */
class FaultPointCrashTest {
  private static final String GEN_1 = FaultWorker.GENERATION;
  private static final String GEN_2 = "gen-2";

  @TempDir Path dir;

  /**
   * A halt before a commit loses the batch as a whole: none of it is in the store, and nothing
   * acted on it. The process is at most one step ahead of the store — the step whose beginning or
   * end the lost batch held — and when that step was the last, the run's end, in the same batch, is
   * lost with it.
   */
  @ParameterizedTest(name = "before-commit@{0}")
  @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7})
  void beforeCommitTheBatchIsLostAsAWhole(int n) throws Exception {
    Halted halted = halt("before-commit", n, "relay");
    try (Hypha hypha = reopen()) {
      Optional<RunDetail> stored = storedRun(hypha);
      assertAgrees(stored, halted, Relay.LEGS);
      if (stored.isEmpty()) {
        assertThat(halted.effects()).as("the run's start was lost: nothing ran").isEmpty();
        assertThat(halted.output()).doesNotContain("started ");
      } else {
        RunDetail run = stored.get();
        assertThat(run.state())
            .as("the run's end is in the last batch, or later")
            .isEqualTo(RunState.RUNNING);
        String next = firstNotSucceeded(run, Relay.LEGS);
        TaskRecord row = row(run, next);
        if (halted.did(next, Effect.DONE)) {
          // The lost batch held the end of `next` (and the claim of its successor).
          assertThat(row.state())
              .as("%s's beginning was committed in a batch of its own, long before its end", next)
              .isEqualTo(TaskState.RUNNING);
        } else {
          // The lost batch held the beginning of `next`, called or about to be.
          assertThat(begun(row)).as("%s's beginning was in the lost batch", next).isFalse();
        }
        assertThat(halted.effects())
            .as("nothing after %s ran: whatever would have set it off was lost", next)
            .allSatisfy(
                effect ->
                    assertThat(Relay.LEGS.indexOf(effect.task()))
                        .isLessThanOrEqualTo(Relay.LEGS.indexOf(next)));
      }
      finishRelay(hypha, stored, halted);
    }
  }

  /**
   * A halt after a commit keeps the batch, though nothing acted on it: every step end the process
   * reported is in the store, a start committed but never acknowledged still runs, a run recorded
   * SUCCEEDED whose completion nobody heard of stays SUCCEEDED and runs nothing again.
   */
  @ParameterizedTest(name = "after-commit@{0}")
  @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7})
  void afterCommitTheBatchIsKeptThoughNothingActedOnIt(int n) throws Exception {
    Halted halted = halt("after-commit", n, "relay");
    try (Hypha hypha = reopen()) {
      Optional<RunDetail> stored = storedRun(hypha);
      assertAgrees(stored, halted, Relay.LEGS);
      if (stored.isEmpty()) {
        // Only an idle turn of the engine, before the start was submitted, commits nothing.
        assertThat(halted.effects()).isEmpty();
        assertThat(halted.output()).doesNotContain("started ");
      } else {
        RunDetail run = stored.get();
        for (String leg : Relay.LEGS) {
          assertThat(row(run, leg).state() == TaskState.SUCCEEDED)
              .as("%s is recorded SUCCEEDED exactly when it ran to its end: no end was lost", leg)
              .isEqualTo(halted.did(leg, Effect.DONE));
          if (!halted.of(leg).isEmpty()) {
            assertThat(begun(row(run, leg)))
                .as("%s was called, so the batch with its beginning was committed", leg)
                .isTrue();
          }
        }
        if (Relay.LEGS.stream().noneMatch(leg -> begun(row(run, leg)))) {
          assertThat(halted.output())
              .as("the halted batch was the start: committed, but start() never returned")
              .doesNotContain("started ");
          assertThat(halted.effects()).as("and the first step was never handed out").isEmpty();
        }
        if (run.state() == RunState.SUCCEEDED) {
          assertThat(halted.output())
              .as("the halted batch ended the run: committed, but nobody waiting heard of it")
              .doesNotContain("ended ");
        } else {
          assertThat(run.state()).isEqualTo(RunState.RUNNING);
        }
      }
      finishRelay(hypha, stored, halted);
    }
  }

  /**
   * A halt as a worker is about to call a step's method: the method never ran, so the step has no
   * effect in the halted process; its beginning, queued for the next commit, is normally lost with
   * the process and the step runs again as the same attempt, with no trace of the one it lost.
   */
  @ParameterizedTest(name = "task-began@{0}")
  @ValueSource(ints = {1, 2, 3})
  void taskBeganTheMethodNeverRan(int n) throws Exception {
    String halting = Relay.LEGS.get(n - 1);
    Halted halted = halt("task-began", n, "relay");
    try (Hypha hypha = reopen()) {
      RunDetail run = storedRun(hypha).orElseThrow();
      assertAgrees(Optional.of(run), halted, Relay.LEGS);
      assertThat(run.state()).isEqualTo(RunState.RUNNING);
      for (String leg : Relay.LEGS.subList(0, n - 1)) {
        assertThat(row(run, leg).state()).isEqualTo(TaskState.SUCCEEDED);
        assertThat(halted.of(leg))
            .extracting(Effect::phase)
            .containsExactly(Effect.START, Effect.DONE);
      }
      assertThat(halted.of(halting)).as("%s's method was never called", halting).isEmpty();
      for (String leg : Relay.LEGS.subList(n, Relay.LEGS.size())) {
        assertThat(begun(row(run, leg))).isFalse();
        assertThat(halted.of(leg)).isEmpty();
      }
      TaskRecord row = row(run, halting);
      if (begun(row)) {
        // The engine committed the queued beginning in the moment the halting thread took to
        // end the JVM: then it is an attempt cut short like any other (checked by finishRelay).
        System.out.printf(
            "task-began@%d: the beginning of %s was committed before the halt%n", n, halting);
        assertThat(row.state()).isEqualTo(TaskState.RUNNING);
      } else {
        assertThat(row.attempt()).as("a claim is not written: %s has not begun", halting).isZero();
      }
      finishRelay(hypha, Optional.of(run), halted);
    }
  }

  /**
   * A halt after a step's method returned, before its end was reported: its effect happened, its
   * beginning (committed while it worked) is in the store, so it shows an INTERRUPTED attempt and
   * runs again as the next one — its effect happens at least once, here twice, under one key.
   */
  @ParameterizedTest(name = "task-returned@{0}")
  @ValueSource(ints = {1, 2, 3})
  void taskReturnedTheEffectHappenedAndTheAttemptIsInterrupted(int n) throws Exception {
    String halting = Relay.LEGS.get(n - 1);
    Halted halted = halt("task-returned", n, "relay");
    try (Hypha hypha = reopen()) {
      RunDetail run = storedRun(hypha).orElseThrow();
      assertAgrees(Optional.of(run), halted, Relay.LEGS);
      assertThat(run.state()).isEqualTo(RunState.RUNNING);
      assertThat(halted.of(halting))
          .as("%s's method ran to its end in the halted process", halting)
          .extracting(Effect::phase, Effect::attempt)
          .containsExactly(tuple(Effect.START, 1), tuple(Effect.DONE, 1));
      TaskRecord row = row(run, halting);
      assertThat(row.state())
          .as("%s's beginning was committed while it worked", halting)
          .isEqualTo(TaskState.RUNNING);
      assertThat(row.attempt()).isEqualTo(1);
      assertThat(row.worker()).contains(GEN_1);
      for (String leg : Relay.LEGS.subList(n, Relay.LEGS.size())) {
        assertThat(halted.of(leg)).as("%s never started", leg).isEmpty();
      }
      RunDetail finished = finishRelay(hypha, Optional.of(run), halted);
      assertThat(row(finished, halting).attempt()).isEqualTo(2);
      assertThat(
              Effect.read(log()).stream()
                  .filter(effect -> effect.task().equals(halting) && effect.done()))
          .as("%s's effect happened in both processes, under one idempotency key", halting)
          .extracting(Effect::generation, Effect::attempt)
          .containsExactly(tuple(GEN_1, 1), tuple(GEN_2, 2));
    }
  }

  /**
   * A halt after a compensation's method returned, in a run that failed: the compensations recorded
   * SUCCEEDED are not run again, the one that returned shows an INTERRUPTED attempt and runs again
   * as the next, the ones not started run once, in reverse dependency order, and the run ends
   * FAILED with the failed step's error.
   */
  @ParameterizedTest(name = "compensation-returned@{0}")
  @ValueSource(ints = {1, 2, 3})
  void compensationReturnedRunsAgainAsTheNextAttempt(int n) throws Exception {
    List<String> rows =
        Stream.concat(Unwind.STEPS.stream(), Unwind.COMPENSATIONS.stream()).toList();
    String halting = Unwind.COMPENSATIONS.get(n - 1);
    Halted halted = halt("compensation-returned", n, "unwind");
    try (Hypha hypha = reopen()) {
      RunDetail stored = storedRun(hypha).orElseThrow();
      assertAgrees(Optional.of(stored), halted, rows);
      assertThat(stored.state()).as("compensating").isEqualTo(RunState.RUNNING);
      assertThat(row(stored, "fail").state()).isEqualTo(TaskState.FAILED);
      for (String done : rows.subList(0, rows.indexOf(halting))) {
        if (!done.equals("fail")) {
          assertThat(row(stored, done).state()).as(done).isEqualTo(TaskState.SUCCEEDED);
        }
      }
      TaskRecord row = row(stored, halting);
      assertThat(row.state()).isEqualTo(TaskState.RUNNING);
      assertThat(row.attempt()).isEqualTo(1);
      assertThat(halted.of(halting))
          .extracting(Effect::phase)
          .containsExactly(Effect.START, Effect.DONE);
      for (String later : rows.subList(rows.indexOf(halting) + 1, rows.size())) {
        assertThat(stored.task(later)).as("%s has no row yet", later).isEmpty();
        assertThat(halted.of(later)).isEmpty();
      }

      UnwindFlow flow = UnwindFlow.bind(hypha, new Unwind(new SideEffectLog(log()), GEN_2));
      Run<?> run = flow.run(stored.id());
      assertThatThrownBy(() -> run.await(Duration.ofSeconds(30)))
          .isInstanceOfSatisfying(
              RunFailedException.class,
              failed -> assertThat(failed.error().task()).isEqualTo("fail"));
      RunDetail finished = run.detail();
      assertThat(finished.state()).isEqualTo(RunState.FAILED);
      assertThat(row(finished, "fail")).isEqualTo(row(stored, "fail"));
      assertThat(Effect.read(log()))
          .as("the failed step was recorded FAILED before the halt: it does not run again")
          .noneMatch(effect -> effect.task().equals("fail") && effect.generation().equals(GEN_2));
      assertResumed(
          stored, finished, halted, rows.stream().filter(name -> !name.equals("fail")).toList());
      assertThat(row(finished, halting).attempt()).isEqualTo(2);
      assertThat(
              Unwind.COMPENSATIONS.stream()
                  .sorted(
                      Comparator.comparing(name -> row(finished, name).finishedAt().orElseThrow())))
          .as("compensations end in reverse dependency order")
          .containsExactlyElementsOf(Unwind.COMPENSATIONS);
      assertThat(
              Effect.read(log()).stream()
                  .filter(effect -> effect.done() && effect.task().startsWith("compensate:")))
          .as("each compensation's effect once, the halted one's twice, in order")
          .extracting(Effect::task)
          .containsExactlyElementsOf(doneOrder(halting));
    }
  }

  /** The compensations' done effects in order when {@code halting} returned and was halted. */
  private static List<String> doneOrder(String halting) {
    List<String> order = new ArrayList<>();
    for (String compensation : Unwind.COMPENSATIONS) {
      order.add(compensation);
      if (compensation.equals(halting)) {
        order.add(compensation);
      }
    }
    return order;
  }

  /** Binds {@link Relay} here and lets the run the halted process left end; checks the outcome. */
  private RunDetail finishRelay(Hypha hypha, Optional<RunDetail> stored, Halted halted)
      throws Exception {
    RelayFlow flow = RelayFlow.bind(hypha, new Relay(new SideEffectLog(log()), GEN_2));
    if (stored.isEmpty()) {
      assertThat(flow.history().find(RunQuery.builder().build()).items()).isEmpty();
      assertThat(Effect.read(log())).as("nothing ran, before or after").isEmpty();
      return null;
    }
    Run<String> run = flow.run(stored.get().id());
    String expected = Relay.expected(FaultWorker.BATON);
    assertThat(run.await(Duration.ofSeconds(30))).isEqualTo(expected);
    assertThat(flow.history().result(run.id())).contains(expected);
    RunDetail finished = run.detail();
    assertThat(finished.state()).isEqualTo(RunState.SUCCEEDED);
    assertResumed(stored.get(), finished, halted, Relay.LEGS);
    return finished;
  }

  /**
   * What holds of the store the halted process left, whatever the window: a row recorded SUCCEEDED
   * ran to its end there, once; a row RUNNING is the first attempt, begun by that process; and a
   * row ran only once the row before it (its dependency, or the previous compensation) was recorded
   * as ended — nothing acts on a transition before it is committed.
   */
  private static void assertAgrees(Optional<RunDetail> stored, Halted halted, List<String> rows) {
    System.out.printf(
        "%s: the store has %s; the halted process did %s%n",
        halted.fault(),
        stored
            .map(
                run ->
                    "run "
                        + run.state()
                        + rows.stream()
                            .map(
                                name ->
                                    " "
                                        + name
                                        + "="
                                        + run.task(name).map(TaskRecord::state).orElse(null))
                            .collect(Collectors.joining()))
            .orElse("no run"),
        halted.effects().stream()
            .map(effect -> effect.task() + ":" + effect.phase())
            .collect(Collectors.joining(" ")));
    for (int i = 0; i < rows.size(); i++) {
      String name = rows.get(i);
      List<Effect> effects = halted.of(name);
      if (stored.isEmpty()) {
        assertThat(effects).isEmpty();
        continue;
      }
      Optional<TaskRecord> row = stored.get().task(name);
      TaskState state = row.map(TaskRecord::state).orElse(TaskState.PENDING);
      if (state == TaskState.SUCCEEDED) {
        assertThat(effects)
            .as("%s is recorded SUCCEEDED: it ran to its end in the halted process, once", name)
            .extracting(Effect::phase, Effect::attempt)
            .containsExactly(tuple(Effect.START, 1), tuple(Effect.DONE, 1));
      }
      if (state == TaskState.RUNNING) {
        assertThat(row.get().attempt()).isEqualTo(1);
        assertThat(row.get().worker()).contains(GEN_1);
        assertThat(row.get().startedAt()).isPresent();
      }
      if (!effects.isEmpty() && i > 0) {
        assertThat(stored.get().task(rows.get(i - 1)).map(TaskRecord::state))
            .as("%s ran, so %s had been recorded as ended before", name, rows.get(i - 1))
            .hasValueSatisfying(
                before -> assertThat(before).isIn(TaskState.SUCCEEDED, TaskState.FAILED));
      }
    }
  }

  /**
   * What holds once this process finished the run, for each row that ends SUCCEEDED: recorded
   * SUCCEEDED before the halt, it is unchanged and did not run again; caught RUNNING (its beginning
   * committed), it shows that attempt INTERRUPTED and succeeded as the next; not begun, it
   * succeeded as its first attempt, with no trace of a call the halted process may have made. Every
   * execution of a row used one idempotency key.
   */
  private void assertResumed(RunDetail stored, RunDetail finished, Halted halted, List<String> rows)
      throws Exception {
    List<Effect> all = Effect.read(log());
    for (String name : rows) {
      TaskRecord before = stored.task(name).orElse(null);
      TaskRecord after = row(finished, name);
      List<Effect> again =
          all.stream().filter(e -> e.task().equals(name) && e.generation().equals(GEN_2)).toList();
      assertThat(after.state()).as(name).isEqualTo(TaskState.SUCCEEDED);
      assertThat(
              all.stream().filter(effect -> effect.task().equals(name)).map(Effect::key).distinct())
          .as("%s ran under one idempotency key", name)
          .singleElement()
          .satisfies(key -> assertThat(key).startsWith(stored.id().value() + "/"));
      if (before != null && before.state() == TaskState.SUCCEEDED) {
        assertThat(again)
            .as("%s was recorded SUCCEEDED before the halt: it never runs again", name)
            .isEmpty();
        assertThat(after).isEqualTo(before);
      } else if (before != null && before.state() == TaskState.RUNNING) {
        assertThat(after.failures())
            .as("%s's attempt cut short by the halt stays in its history", name)
            .singleElement()
            .satisfies(
                cut -> {
                  assertThat(cut.outcome()).isEqualTo(AttemptRecord.Outcome.INTERRUPTED);
                  assertThat(cut.attempt()).isEqualTo(before.attempt());
                  assertThat(cut.worker()).isEqualTo(before.worker());
                  assertThat(cut.startedAt()).isEqualTo(before.startedAt());
                  assertThat(cut.error().type()).isEqualTo(AttemptRecord.INTERRUPTED_TYPE);
                });
        assertThat(after.attempt()).isEqualTo(before.attempt() + 1);
        assertThat(after.worker()).contains(GEN_2);
        assertThat(again)
            .extracting(Effect::phase, Effect::attempt)
            .containsExactly(
                tuple(Effect.START, before.attempt() + 1),
                tuple(Effect.DONE, before.attempt() + 1));
      } else {
        assertThat(after.attempt())
            .as("%s had not begun: it runs as its first attempt", name)
            .isEqualTo(1);
        assertThat(after.failures()).isEmpty();
        assertThat(after.worker()).contains(GEN_2);
        assertThat(halted.of(name)).allSatisfy(call -> assertThat(call.attempt()).isEqualTo(1));
        assertThat(again)
            .extracting(Effect::phase, Effect::attempt)
            .containsExactly(tuple(Effect.START, 1), tuple(Effect.DONE, 1));
      }
    }
  }

  /** Runs the worker with {@code point} armed to halt at its {@code n}-th reach. */
  private Halted halt(String point, int n, String flow) throws Exception {
    String fault = point + "@" + n + "=halt";
    try (ChildJvm child =
        ChildJvm.start(
            List.of("-Dhypha.faults=" + fault),
            FaultWorker.class,
            database().toString(),
            log().toString(),
            flow)) {
      assertThat(child.waitFor(60_000)).as(child.output()).isEqualTo(137);
      assertThat(child.output())
          .contains("hypha: fault injected at " + point + " (time " + n + "): halt")
          .doesNotContain("not halted");
      return new Halted(fault, child.output(), Effect.read(log()));
    }
  }

  private Hypha reopen() {
    return Hypha.builder().path(database()).serial().workerId(GEN_2).open();
  }

  /** The one run in the store, if any, as the halted process left it. */
  private static Optional<RunDetail> storedRun(Hypha hypha) {
    List<RunSummary> runs = hypha.history().find(RunQuery.builder().build()).items();
    assertThat(runs).hasSizeLessThanOrEqualTo(1);
    return runs.stream().findFirst().map(run -> hypha.history().detail(run.id()).orElseThrow());
  }

  private static TaskRecord row(RunDetail run, String name) {
    return run.task(name).orElseThrow(() -> new AssertionError("no row " + name + " in " + run));
  }

  /** Whether the row's first attempt began, as far as the store knows. */
  private static boolean begun(TaskRecord row) {
    return row.state() != TaskState.PENDING && row.state() != TaskState.READY;
  }

  private static String firstNotSucceeded(RunDetail run, List<String> rows) {
    return rows.stream()
        .filter(name -> row(run, name).state() != TaskState.SUCCEEDED)
        .findFirst()
        .orElseThrow();
  }

  private Path database() {
    return dir.resolve("faults.db");
  }

  private Path log() {
    return dir.resolve("side-effects.log");
  }

  /** What the halted process printed and did. */
  private record Halted(String fault, String output, List<Effect> effects) {
    List<Effect> of(String task) {
      return effects.stream().filter(effect -> effect.task().equals(task)).toList();
    }

    boolean did(String task, String phase) {
      return of(task).stream().anyMatch(effect -> effect.phase().equals(phase));
    }
  }
}
