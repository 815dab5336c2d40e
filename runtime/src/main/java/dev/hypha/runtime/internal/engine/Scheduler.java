package dev.hypha.runtime.internal.engine;

import dev.hypha.runtime.AttemptEvent;
import dev.hypha.runtime.AttemptRecord;
import dev.hypha.runtime.RunId;
import dev.hypha.runtime.SkipReason;
import dev.hypha.runtime.TaskError;
import dev.hypha.runtime.TaskState;
import dev.hypha.runtime.internal.store.Micros;
import dev.hypha.runtime.internal.store.TaskWrite;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/**
 * The state machine of runs and tasks: what each command and timer changes in memory and which rows
 * it writes. It runs on the engine thread only and never touches the store itself; the engine
 * commits the {@link Batch} it fills and then carries out the batch's effects. How a run ends once
 * its tasks are over (compensations, callbacks) is {@link RunEnding}'s part; what stops attempts
 * early (timeouts, deadlines, cancellation) is {@link Stops}'.
 */
final class Scheduler {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Scheduler.class);
  private final Clock clock;
  private final String workerId;
  private final ArrayDeque<ReadyRow> ready = new ArrayDeque<>();
  private final List<ReadyRow> newlyReady = new ArrayList<>();
  private final Timers timers;

  /** Delayed rows waiting for their recorded due time, on the engine's clock. */
  private final Timers waits;

  /**
   * The longest the engine sleeps while a delayed row waits, so that a clock that jumps (a test's)
   * is noticed soon: one wake-up per interval whatever the number of waiting rows.
   */
  private static final long CLOCK_CHECK_MICROS = 200_000;

  /** Whether the clock is a {@link ControlledTime}: then {@link #timers} run on it too. */
  private final boolean controlled;

  private final Batch batch;
  private final RunEnding ending;
  private final Stops stops;
  private final FanOuts fanOuts;
  private final Signals signals;
  private final Children children;

  /** The runs this engine executes, by id: what cancel and resume decide on. */
  private final Map<RunId, ActiveRun> runs = new HashMap<>();

  /** Runs cancelled in the store by this batch, which a resume in the same batch must not bring. */
  private final Set<Long> cancelledThisBatch = new HashSet<>();

  /** Runs that ended in this batch: their end is not committed yet, so the store says RUNNING. */
  private final Set<Long> endedThisBatch = new HashSet<>();

  /** Run permits the batch being built gives back. */
  private int permitsFreed;

  private int freeSlots;
  private int running;
  private CompletableFuture<Void> drained;

  private final RunResults results;
  private final RunIntake intake;

  Scheduler(
      Clock clock,
      String workerId,
      int maxInFlight,
      Listeners events,
      long lastRunSeq,
      RunResults results,
      Admission admission) {
    this.clock = clock;
    this.waits = new Timers(() -> Micros.of(clock.instant()));
    // A test's clock: every wait is measured on it, so that moving it ends them.
    this.controlled = ControlledTime.of(clock) != null;
    this.timers = controlled ? waits.sameClock() : new Timers();
    this.intake = new RunIntake(this, admission, lastRunSeq);
    this.results = results;
    this.workerId = workerId;
    this.freeSlots = maxInFlight;
    this.batch = new Batch(events);
    this.ending = new RunEnding(this);
    this.stops = new Stops(this);
    this.fanOuts = new FanOuts(this, maxInFlight);
    this.signals = new Signals(this);
    this.children = new Children(this);
  }

  /** Starts the next batch. The returned batch is reused: it is only valid until the next call. */
  Batch begin() {
    batch.reset(Micros.of(clock.instant()));
    cancelledThisBatch.clear();
    endedThisBatch.clear();
    intake.begin();
    permitsFreed = 0;
    return batch;
  }

  /**
   * Run permits the batch gives back: runs started here that ended, and starts that found their
   * key's run and started nothing.
   */
  int permitsFreed() {
    return permitsFreed;
  }

  RunResults results() {
    return results;
  }

  /** The runs this engine executes, by id. */
  Map<RunId, ActiveRun> runs() {
    return runs;
  }

  /** Whether run {@code runSeq} ended or was cancelled in the store in the batch being built. */
  boolean settledThisBatch(long runSeq) {
    return endedThisBatch.contains(runSeq) || cancelledThisBatch.contains(runSeq);
  }

  /** A run permit the batch gives back once committed. */
  void freePermit() {
    permitsFreed++;
  }

  /** Timers waiting to fire, delayed rows included. */
  int timerCount() {
    return timers.size() + waits.size();
  }

  Batch batch() {
    return batch;
  }

  Timers timers() {
    return timers;
  }

  RunEnding ending() {
    return ending;
  }

  FanOuts fanOuts() {
    return fanOuts;
  }

  Signals signals() {
    return signals;
  }

  Children children() {
    return children;
  }

  RunIntake intake() {
    return intake;
  }

  Stops stops() {
    return stops;
  }

  String workerId() {
    return workerId;
  }

  /** Attempts handed to workers and not settled. */
  int running() {
    return running;
  }

  /** Whether a {@link ControlledTime} clock measures the waits. */
  boolean controlled() {
    return controlled;
  }

  /** When the next timer of either heap is due, on the engine's clock, or -1 (controlled only). */
  long nextDue() {
    long next = timers.nextDue();
    long wait = waits.nextDue();
    return next < 0 ? wait : wait < 0 ? next : Math.min(next, wait);
  }

  /**
   * Microseconds an attempt has run: on the monotonic clock, or on the engine's clock when that is
   * a {@link ControlledTime}, so a test that moves it makes the attempt older. 0 before it started.
   */
  long elapsedMicros(Execution execution) {
    if (controlled) {
      long startedAt = execution.startedAt;
      return startedAt == 0 ? 0 : Math.max(0, timers.nowMicros() - startedAt);
    }
    long started = execution.startedNanos;
    return started == 0 ? 0 : (System.nanoTime() - started) / 1000;
  }

  /** Microseconds until the next timer is due, or -1 when none is set. */
  long untilNextTimer() {
    long next = timers.untilNext();
    long wait = waits.untilNext();
    if (wait < 0) {
      return next;
    }
    wait = Math.min(wait, CLOCK_CHECK_MICROS);
    return next < 0 ? wait : Math.min(next, wait);
  }

  void apply(Command command) {
    if (command instanceof Command.Finished finished) {
      finished(finished);
    } else if (command instanceof Command.StartRun start) {
      intake.start(start);
    } else if (command instanceof Command.ResumeRuns resume) {
      intake.resume(resume);
    } else if (command instanceof Command.Cancel cancel) {
      ActiveRun run = runs.get(cancel.runId());
      if (run != null) {
        boolean applied = stops.cancel(run);
        batch.acks.add(() -> cancel.applied().complete(applied));
      } else if (cancel.runSeq() >= 0) {
        // Known after the commit: the run may have ended in the meantime.
        cancelledThisBatch.add(cancel.runSeq());
        BooleanSupplier applied = stops.cancelStored(cancel.runSeq());
        batch.acks.add(() -> cancel.applied().complete(applied.getAsBoolean()));
      } else {
        batch.acks.add(() -> cancel.applied().complete(false));
      }
    } else if (command instanceof Command.Signal signal) {
      ActiveRun run = runs.get(signal.runId());
      if (run != null) {
        signals.arrived(run, signal.name(), signal.json());
        batch.acks.add(() -> signal.applied().complete(true));
      } else {
        // Not executed here (its flow not bound, or it ended): kept if the store says RUNNING
        // when the batch is written, after the ends of this batch.
        BooleanSupplier applied =
            batch.writes.insertSignalIfRunning(
                signal.runSeq(), signal.name(), signal.json(), batch.now);
        batch.acks.add(() -> signal.applied().complete(applied.getAsBoolean()));
      }
    } else if (command instanceof Command.Reopen reopen) {
      if (runs.containsKey(reopen.runId())) {
        // Executed here, so not FAILED: the store would refuse it too.
        batch.acks.add(() -> reopen.applied().complete(false));
      } else {
        BooleanSupplier applied = batch.writes.reopenRun(reopen.runSeq());
        batch.acks.add(() -> reopen.applied().complete(applied.getAsBoolean()));
      }
    } else if (command instanceof Command.Drain drain) {
      drained = drain.drained();
    }
  }

  /** Applies the timers that are due. */
  void fireTimers() {
    for (Timers.Timer timer; (timer = waits.poll()) != null; ) {
      ActiveRun run = timer.run;
      if (run.phase != ActiveRun.Phase.ENDED) {
        waitOver(run, timer);
      }
    }
    for (Timers.Timer timer; (timer = timers.poll()) != null; ) {
      ActiveRun run = timer.run;
      if (run.phase == ActiveRun.Phase.ENDED) {
        continue;
      }
      switch (timer.kind) {
        case RETRY_DUE, DELAY_DUE -> waitOver(run, timer);
        case TIMEOUT -> stops.timeout(timer);
        case DEADLINE -> stops.deadline(run);
      }
    }
  }

  /** A READY row's due time has come: it joins the ready queue, unless it moved on meanwhile. */
  private void waitOver(ActiveRun run, Timers.Timer timer) {
    run.retries[timer.row] = null;
    if (run.awaitingSignal != null && timer.row < run.awaitingSignal.length) {
      // A signal's timeout: the task runs without one (or fails, if it must have one).
      run.awaitingSignal[timer.row] = false;
    }
    if (run.states[timer.row] == TaskState.READY && run.attempts[timer.row] == timer.attempt) {
      ready.add(new ReadyRow(run, timer.row, batch.now, true));
    }
  }

  /**
   * Row {@code row}, READY in the store with the due time {@code due} (the engine's clock, in
   * microseconds), waits for it: a delay, or a retry's backoff found again after a restart.
   */
  void waitUntil(ActiveRun run, int row, long due) {
    run.states[row] = TaskState.READY;
    run.retries[row] = waits.add(due, Timers.Kind.DELAY_DUE, run, row, run.attempts[row]);
  }

  /** Cancels the timer a row waits on, whichever heap holds it. */
  private void cancelWait(Timers.Timer timer) {
    if (timer != null) {
      (timer.kind == Timers.Kind.DELAY_DUE ? waits : timers).cancel(timer);
    }
  }

  /** Called by {@link RunEnding} when a run's end is written: it leaves the engine's memory. */
  void ended(ActiveRun run) {
    runs.remove(run.id);
    endedThisBatch.add(run.seq);
    timers.cancel(run.deadline);
    run.deadline = null;
    for (int row = 0; row < run.retries.length; row++) {
      cancelWait(run.retries[row]);
      run.retries[row] = null;
    }
    if (run.holdsPermit) {
      permitsFreed++;
    }
  }

  /** A row no longer waits for its retry: cancelled, failed by the deadline, or claimed. */
  void stopWaiting(ActiveRun run, int row) {
    cancelWait(run.retries[row]);
    run.retries[row] = null;
  }

  /**
   * Claims ready rows, oldest first, while fewer than the in-flight limit are claimed; the rest
   * wait in memory. A claimed row is RUNNING in memory only: its execution may wait for a worker
   * thread a moment, and its row is written when the attempt begins (see {@link #began}). Claiming
   * more rows than there are threads is what lets one commit carry many transitions.
   */
  void claim() {
    while (drained == null && freeSlots > 0 && !ready.isEmpty()) {
      ReadyRow next = ready.poll();
      ActiveRun run = next.run;
      int row = next.row;
      if (run.states[row] != TaskState.READY || run.phase == ActiveRun.Phase.ENDED) {
        continue;
      }
      if (run.flow.hasInstances(row)) {
        // Not run itself: its instances are, each claimed like any row.
        fanOuts.expand(run, row, next.persisted ? 0 : next.readyAt);
        next.persisted = true;
        continue;
      }
      // A claim is not written: the attempt begins, and is recorded, when its method is called
      // (see began). Until then the row stays as the store has it, READY or not yet written, and
      // a crash loses nothing: recovery finds the task ready again, with its attempts unspent.
      int attempt = ++run.attempts[row];
      run.states[row] = TaskState.RUNNING;
      Execution execution = new Execution(run, row, attempt, null);
      if (!next.persisted) {
        execution.readyAt = next.readyAt;
        next.persisted = true;
      }
      dispatch(execution);
      Duration timeout = run.timeout(row);
      if (timeout != null) {
        execution.timeout =
            timers.add(
                timers.nowMicros() + Timers.micros(timeout),
                Timers.Kind.TIMEOUT,
                run,
                row,
                attempt);
      }
    }
    // A row that became ready and waits for a slot is not written: the in-memory ready queue is
    // what the engine goes by, recovery finds it ready again from its dependencies, and its
    // ready time is written with its first attempt. Listeners hear of it all the same.
    for (ReadyRow waiting : newlyReady) {
      if (waiting.run.states[waiting.row] == TaskState.READY) {
        batch.taskEvent(waiting.run, waiting.row, TaskState.READY, waiting.readyAt, null);
      }
    }
    newlyReady.clear();
    if (drained != null && running == 0) {
      CompletableFuture<Void> done = drained;
      batch.acks.add(() -> done.complete(null));
    }
  }

  /**
   * An attempt began: its method was called. Recorded with the next commit, merged with the
   * attempt's end when that comes in the same batch (so a short task costs one row write). A crash
   * before this is committed leaves the row as it was, and the task runs again as the same attempt.
   */
  void began(Execution execution) {
    ActiveRun run = execution.run;
    int row = execution.row;
    if (execution.faultOnly != null
        || execution.collect != null
        || execution.attempt != run.attempts[row]) {
      // A fault handler run alone belongs to the attempt that timed out; an attempt superseded
      // meanwhile (stopped, and the row claimed again) was recorded when it was stopped; a
      // fan-out's collection is no attempt (the task's row says RUNNING since its instances began).
      return;
    }
    TaskWrite write =
        batch
            .write(run, row, run.states[row])
            .attempt(execution.attempt)
            .startedAt(execution.startedAt)
            .worker(workerId);
    if (execution.readyAt > 0) {
      write.readyAt(execution.readyAt);
    }
    // Listeners hear of it as the store records it: when the attempt begins, not when claimed.
    batch.taskEvent(run, row, TaskState.RUNNING, execution.startedAt, null);
  }

  private void finished(Command.Finished result) {
    Execution execution = result.execution();
    if (execution.settled) {
      return;
    }
    settle(execution);
    ActiveRun run = execution.run;
    int row = execution.row;
    Outcome outcome = result.outcome();
    if (outcome instanceof Outcome.Succeeded succeeded) {
      TaskWrite write =
          batch
              .write(run, row, TaskState.SUCCEEDED)
              .finishedAt(result.finishedAt())
              .output(succeeded.outputJson());
      if (execution.collect == null) {
        write.startedAt(result.startedAt());
      }
      if (batch.recording) {
        succeededAttemptEvent(execution, result);
      }
      if (run.attempts[row] > 1) {
        write.error(null, null, null);
      }
      rowEnded(
          run,
          row,
          TaskState.SUCCEEDED,
          succeeded.outputJson(),
          result.finishedAt(),
          null,
          succeeded.notTaken());
    } else if (outcome instanceof Outcome.Recovered recovered) {
      TaskError original = recovered.original();
      if (execution.faultOnly == null) {
        // The attempt itself failed: it is one of the task's failures, like any other.
        recordFailedAttempt(execution, result.startedAt(), result.finishedAt(), false, original);
      }
      batch
          .write(run, row, TaskState.RECOVERED)
          .startedAt(result.startedAt())
          .finishedAt(result.finishedAt())
          .output(recovered.outputJson())
          .error(original.type(), original.message(), original.stackTrace());
      rowEnded(
          run,
          row,
          TaskState.RECOVERED,
          recovered.outputJson(),
          result.finishedAt(),
          original,
          recovered.notTaken());
    } else if (outcome instanceof Outcome.StartChild child) {
      // The attempt's row stays RUNNING until the child ends; no slot is held meanwhile.
      TaskWrite write = batch.write(run, row, TaskState.RUNNING).startedAt(result.startedAt());
      write.worker(workerId);
      children.start(run, row, child.start());
    } else if (outcome instanceof Outcome.Retry retry) {
      recordFailedAttempt(execution, result.startedAt(), result.finishedAt(), false, retry.error());
      retryLater(run, row, retry.error(), result.finishedAt() + retry.delayMillis() * 1000);
    } else if (outcome instanceof Outcome.Failed failed) {
      if (execution.faultOnly == null && execution.collect == null) {
        recordFailedAttempt(
            execution, result.startedAt(), result.finishedAt(), false, failed.attemptError());
      }
      fail(run, row, failed.error(), result.startedAt(), result.finishedAt());
    }
  }

  /**
   * Task row {@code task} succeeded without an attempt of its own (a fan-out, a loop) with {@code
   * outputJson}, which does not take the branches to {@code notTaken}.
   */
  void succeed(ActiveRun run, int task, String outputJson, int[] notTaken) {
    batch.write(run, task, TaskState.SUCCEEDED).finishedAt(batch.now).output(outputJson);
    rowEnded(run, task, TaskState.SUCCEEDED, outputJson, batch.now, null, notTaken);
  }

  /**
   * The dependents of task {@code task} whose branch its output {@code json} does not take, for a
   * task whose output is decided without an attempt of its own (a loop, a sub-flow).
   */
  int[] notTaken(ActiveRun run, int task, String json) {
    if (!run.flow.branches().decides(task)) {
      return Branches.NONE;
    }
    Object output =
        results
            .outputs()
            .decode(
                run.id,
                "output of task " + run.rowName(task),
                run.flow.descriptor().task(task).output(),
                json);
    return run.flow.branches().notTaken(task, output);
  }

  /** The row waits, READY, until its next attempt is due; the due time is in its row. */
  void retryLater(ActiveRun run, int row, TaskError error, long due) {
    batch
        .write(run, row, TaskState.READY)
        .readyAt(due)
        .error(error.type(), error.message(), error.stackTrace());
    run.retries[row] =
        timers.add(
            timers.nowMicros() + Math.max(0, due - batch.now),
            Timers.Kind.RETRY_DUE,
            run,
            row,
            run.attempts[row]);
    batch.taskEvent(run, row, TaskState.READY, due, error);
  }

  /** The event of an attempt that returned, for a task's own attempt (not a collection). */
  private void succeededAttemptEvent(Execution execution, Command.Finished result) {
    if (execution.collect == null && execution.faultOnly == null) {
      batch.attemptEvent(
          execution.run,
          execution.row,
          execution.attempt,
          result.startedAt(),
          result.finishedAt(),
          AttemptEvent.Outcome.SUCCEEDED,
          null);
    }
  }

  /** Keeps a failed (or stopped) attempt in the history of its row. */
  void recordFailedAttempt(
      Execution execution, long startedAt, long finishedAt, boolean timedOut, TaskError error) {
    batch.writes.insertAttempt(
        execution.run.seq,
        execution.row,
        execution.attempt,
        timedOut ? AttemptRecord.Outcome.TIMED_OUT : AttemptRecord.Outcome.FAILED,
        startedAt,
        finishedAt,
        workerId,
        error);
    batch.attemptEvent(
        execution.run,
        execution.row,
        execution.attempt,
        startedAt,
        finishedAt,
        timedOut ? AttemptEvent.Outcome.TIMED_OUT : AttemptEvent.Outcome.FAILED,
        error);
  }

  /**
   * A row reached SUCCEEDED or RECOVERED: its dependents may go on, but for those in {@code
   * notTaken} (ascending), whose branch its output does not take.
   */
  private void rowEnded(
      ActiveRun run,
      int row,
      TaskState state,
      String outputJson,
      long at,
      TaskError error,
      int[] notTaken) {
    batch.taskEvent(run, row, state, at, error);
    if (run.isInstance(row)) {
      // Its output stays in its row, read back with the others' when the last one ended.
      fanOuts.instanceEnded(run, row, null, outputJson, at);
      return;
    }
    if (!run.isTask(row)) {
      ending.handlerEnded(run, row);
      return;
    }
    run.outputs[row] = outputJson;
    for (int dependent : run.flow.dependents(row)) {
      if (notTaken.length > 0 && java.util.Arrays.binarySearch(notTaken, dependent) >= 0) {
        notTaken(run, dependent, at);
      } else {
        inputArrived(run, dependent, at);
      }
    }
    run.unfinished--;
    ending.advance(run);
  }

  /** One of {@code task}'s inputs is settled: it is ready once all of them are. */
  private void inputArrived(ActiveRun run, int task, long at) {
    if (--run.waitingOn[task] == 0 && run.states[task] == TaskState.PENDING) {
      markReady(run, task, at, false);
    }
  }

  /**
   * A branch to {@code task} was not taken: it is SKIPPED as not taken, and so is every task that
   * needs it; a task that takes it optionally (a join) has one input fewer to wait for.
   */
  private void notTaken(ActiveRun run, int task, long at) {
    ArrayDeque<Integer> toVisit = new ArrayDeque<>();
    toVisit.push(task);
    while (!toVisit.isEmpty()) {
      int skipped = toVisit.pop();
      if (run.states[skipped] != TaskState.PENDING) {
        continue; // already skipped: a failure upstream, or another branch not taken
      }
      batch.write(run, skipped, TaskState.SKIPPED).finishedAt(at).skipReason(SkipReason.NOT_TAKEN);
      batch.taskEvent(run, skipped, TaskState.SKIPPED, at, null);
      run.unfinished--;
      for (int dependent : run.flow.dependents(skipped)) {
        if (run.flow.branches().runsWithout(skipped, dependent)) {
          inputArrived(run, dependent, at);
        } else {
          toVisit.push(dependent);
        }
      }
    }
  }

  /** A row failed for good; for a task, its dependents are skipped. */
  void fail(ActiveRun run, int row, TaskError error, long startedAt, long at) {
    TaskWrite write =
        batch
            .write(run, row, TaskState.FAILED)
            .finishedAt(at)
            .error(error.type(), error.message(), error.stackTrace());
    if (startedAt > 0) {
      write.startedAt(startedAt);
    }
    batch.taskEvent(run, row, TaskState.FAILED, at, error);
    if (run.isInstance(row)) {
      fanOuts.instanceEnded(run, row, error, null, at);
      return;
    }
    if (!run.isTask(row)) {
      ending.handlerEnded(run, row);
      return;
    }
    if (run.firstError == null) {
      run.firstError = error;
    }
    skipDependents(run, row, at);
    run.unfinished--;
    ending.advance(run);
  }

  /**
   * A failed task's dependents can never run: they are SKIPPED, transitively. In a flow with
   * branches the walk also goes through tasks already skipped as not taken, so that a failure skips
   * a join after them whichever came first, the failure or the decision (as a shared store does).
   */
  private void skipDependents(ActiveRun run, int failed, long at) {
    ArrayDeque<Integer> toVisit = new ArrayDeque<>();
    Set<Integer> passedThrough = run.flow.branches().any() ? new HashSet<>() : null;
    toVisit.push(failed);
    while (!toVisit.isEmpty()) {
      for (int dependent : run.flow.dependents(toVisit.pop())) {
        if (run.states[dependent] == TaskState.PENDING) {
          batch.write(run, dependent, TaskState.SKIPPED).finishedAt(at);
          batch.taskEvent(run, dependent, TaskState.SKIPPED, at, null);
          run.unfinished--;
          toVisit.push(dependent);
        } else if (passedThrough != null
            && run.states[dependent] == TaskState.SKIPPED
            && passedThrough.add(dependent)) {
          toVisit.push(dependent);
        }
      }
    }
  }

  /**
   * Puts a row in the ready queue; unless {@code persisted}, it is written READY or claimed. A
   * delayed task waits instead: written READY with its due time, {@code readyAt} plus its delay.
   */
  void markReady(ActiveRun run, int row, long readyAt, boolean persisted) {
    if (!persisted && run.attempts[row] == 0 && run.flow.signalWait(row) != null) {
      signals.reached(run, row, readyAt);
      return;
    }
    // Once served: a task whose attempt began (found RUNNING after a restart) does not wait again.
    long due = persisted || run.attempts[row] > 0 ? readyAt : dueTime(run, row, readyAt);
    if (due > readyAt) {
      batch.write(run, row, TaskState.READY).readyAt(due);
      batch.taskEvent(run, row, TaskState.READY, due, null);
      waitUntil(run, row, due);
      return;
    }
    run.states[row] = TaskState.READY;
    ReadyRow entry = new ReadyRow(run, row, readyAt, persisted);
    ready.add(entry);
    if (!persisted) {
      newlyReady.add(entry);
    }
  }

  /**
   * When a task ready at {@code readyAt} may start: after its {@code @Delay}, and not before the
   * instant its {@code @WaitUntil} dependency returned (one already past, or null, holds nothing).
   */
  private long dueTime(ActiveRun run, int row, long readyAt) {
    long due = readyAt + run.flow.delayMicros(row);
    int source = run.flow.waitUntilSource(row);
    if (source >= 0 && run.states[source].hasOutput()) {
      Object instant;
      try {
        instant = results.outputs().output(run, source);
      } catch (RuntimeException unreadable) {
        // Read back when it was written, so not expected; the engine must not stop on it.
        LOG.error(
            "run {}: the instant task {} waits until does not read back; it does not wait",
            run.id,
            run.rowName(row),
            unreadable);
        return due;
      }
      if (instant instanceof java.time.Instant until) {
        due = Math.max(due, Micros.due(until));
      }
    }
    return due;
  }

  void dispatch(Execution execution) {
    execution.resolve();
    execution.run.executions[execution.row] = execution;
    freeSlots--;
    running++;
    batch.dispatches.add(execution);
  }

  void settle(Execution execution) {
    execution.settled = true;
    timers.cancel(execution.timeout);
    execution.timeout = null;
    if (execution.run.executions[execution.row] == execution) {
      execution.run.executions[execution.row] = null;
    }
    freeSlots++;
    running--;
  }

  /** Puts a row whose READY state is written (or being written) in the ready queue. */
  void enqueue(ActiveRun run, int row, long readyAt) {
    ready.add(new ReadyRow(run, row, readyAt, true));
  }

  /** A row whose dependencies all succeeded, waiting for a slot. */
  private static final class ReadyRow {
    final ActiveRun run;
    final int row;
    final long readyAt;
    boolean persisted;

    ReadyRow(ActiveRun run, int row, long readyAt, boolean persisted) {
      this.run = run;
      this.row = row;
      this.readyAt = readyAt;
      this.persisted = persisted;
    }
  }
}
