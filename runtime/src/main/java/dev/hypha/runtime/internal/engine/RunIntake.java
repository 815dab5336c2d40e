package dev.hypha.runtime.internal.engine;

import dev.hypha.runtime.AttemptRecord;
import dev.hypha.runtime.RunId;
import dev.hypha.runtime.RunState;
import dev.hypha.runtime.SkipReason;
import dev.hypha.runtime.TaskError;
import dev.hypha.runtime.TaskState;
import dev.hypha.runtime.internal.store.StoredRun;
import dev.hypha.runtime.spi.FlowDescriptor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How runs enter the engine: a new run (its row, its first ready tasks, its deadline), a start
 * whose business key was used already (answered with that run), and a stored run taken up after a
 * restart (rebuilt by {@link Recovery}). Part of the {@link Scheduler}; engine thread only.
 */
final class RunIntake {
  private final Scheduler scheduler;
  private final Admission admission;

  /**
   * The highest run key when this engine started: runs above it were started by this engine, which
   * holds the file's engine lock, so they are never taken up by a resume.
   */
  private final long lastSeqBeforeStart;

  private long lastRunSeq;

  /** Runs started with a key in the batch being built, by flow and key. */
  private final Map<String, ActiveRun> keysThisBatch = new HashMap<>();

  RunIntake(Scheduler scheduler, Admission admission, long lastRunSeq) {
    this.scheduler = scheduler;
    this.admission = admission;
    this.lastRunSeq = lastRunSeq;
    this.lastSeqBeforeStart = lastRunSeq;
  }

  /** The run started with {@code key} in the batch being built, if any. */
  Optional<RunId> startedWithKey(RegisteredFlow flow, String key) {
    return Optional.ofNullable(keysThisBatch.get(flow.name() + '\n' + key)).map(run -> run.id);
  }

  /** A new batch: keys started in the last one are in the store now. */
  void begin() {
    keysThisBatch.clear();
  }

  private long now() {
    return scheduler.batch().now;
  }

  void start(Command.StartRun start) {
    if (start.key() != null && startedBefore(start)) {
      return;
    }
    ActiveRun run = new ActiveRun(start.runId(), ++lastRunSeq, start.flow(), start.inputJson());
    run.holdsPermit = start.permit();
    FlowDescriptor flow = run.flow.descriptor();
    scheduler
        .batch()
        .writes
        .insertRun(
            run.id,
            run.seq,
            flow.name(),
            flow.shapeHash(),
            run.inputJson,
            start.key(),
            now(),
            flow.tasks().size(),
            start.callerContext());
    // Known here, so no attempt reads it back (a run taken up after a restart reads it once).
    run.callerContext =
        start.callerContext() == null ? Map.of() : Interception.decode(start.callerContext());
    if (start.key() != null) {
      keysThisBatch.put(flow.name() + '\n' + start.key(), run);
    }
    // Task rows are written when a task's first attempt begins: a run's first commit holds only its
    // run row, and a short task costs one insert, with its beginning and its end.
    for (int task = 0; task < run.flow.taskCount(); task++) {
      if (run.waitingOn[task] == 0) {
        scheduler.markReady(run, task, now(), false);
      }
    }
    watchDeadline(run, now());
    scheduler.runs().put(run.id, run);
    scheduler.batch().startedRuns.add(run);
    Command.Started started = new Command.Started(run.id, run.completion);
    (start.async() ? scheduler.batch().callbackAcks : scheduler.batch().acks)
        .add(() -> start.committed().complete(started));
    scheduler.batch().runEvent(run, RunState.RUNNING);
  }

  /**
   * Whether the start's key was used already, by a run in the store or one started earlier in this
   * batch; if so, the start is answered with that run and starts nothing.
   */
  private boolean startedBefore(Command.StartRun start) {
    ActiveRun sameBatch = keysThisBatch.get(start.flow().name() + '\n' + start.key());
    RunId existing = sameBatch != null ? sameBatch.id : start.existing().get();
    if (existing == null) {
      return false;
    }
    ActiveRun active = scheduler.runs().get(existing);
    Command.Started started =
        new Command.Started(existing, active == null ? null : active.completion);
    (start.async() ? scheduler.batch().callbackAcks : scheduler.batch().acks)
        .add(() -> start.committed().complete(started));
    if (start.permit()) {
      scheduler.freePermit();
    }
    return true;
  }

  void resume(Command.ResumeRuns resume) {
    int resumed = 0;
    for (StoredRun stored : resume.runs()) {
      if ((stored.runSeq() > lastSeqBeforeStart && !resume.retried())
          || scheduler.runs().containsKey(stored.runId())
          || scheduler.settledThisBatch(stored.runSeq())
          || !resume.stillRunning().contains(stored.runSeq())) {
        // Started by this engine, already here, ended or cancelled after the caller read it (in
        // this batch, not committed yet, or before): nothing to resume.
        continue;
      }
      Recovery.Plan plan = Recovery.plan(resume.flow(), stored, now());
      if (plan == null) {
        continue;
      }
      ActiveRun run = plan.run();
      // Counted against the bound like a new run when there is room, so new starts wait for
      // resumed runs too; never waited for, since the runs exist already.
      run.holdsPermit = admission.tryTake();
      // Fan-outs under way first: their instances' rows join the rows to put back.
      Map<Integer, TaskError> unreadable = new HashMap<>();
      List<FanOut> fanOuts =
          scheduler
              .fanOuts()
              .resume(
                  run,
                  plan.fanOuts(),
                  plan.instances(),
                  plan.ready(),
                  plan.interrupted(),
                  unreadable,
                  now());
      for (Recovery.Interrupted cut : plan.interrupted()) {
        // The attempt that began and never ended stays in the history, marked as such.
        scheduler
            .batch()
            .writes
            .insertAttempt(
                run.seq,
                cut.row(),
                cut.attempt(),
                AttemptRecord.Outcome.INTERRUPTED,
                cut.startedAt(),
                now(),
                cut.worker(),
                null);
      }
      for (int task : plan.skipped()) {
        scheduler.batch().write(run, task, TaskState.SKIPPED).finishedAt(now());
        scheduler.batch().taskEvent(run, task, TaskState.SKIPPED, now(), null);
      }
      for (int task : plan.notTaken()) {
        scheduler
            .batch()
            .write(run, task, TaskState.SKIPPED)
            .finishedAt(now())
            .skipReason(SkipReason.NOT_TAKEN);
        scheduler.batch().taskEvent(run, task, TaskState.SKIPPED, now(), null);
      }
      for (Recovery.ReadyAgain row : plan.awaiting()) {
        scheduler.signals().resumeWait(run, row.row(), row.readyAt());
      }
      for (Recovery.ReadyAgain row : plan.ready()) {
        if (row.readyAt() > now() && run.attempts[row.row()] == 0) {
          // A delay not over: it waits for its recorded due time on the engine's clock.
          scheduler.waitUntil(run, row.row(), row.readyAt());
        } else if (row.readyAt() > now()) {
          // A retry whose backoff has not passed: it waits for its recorded due time, no less, on
          // the monotonic clock as retries in one process do.
          run.states[row.row()] = TaskState.READY;
          run.retries[row.row()] =
              scheduler
                  .timers()
                  .add(
                      scheduler.timers().nowMicros() + (row.readyAt() - now()),
                      Timers.Kind.RETRY_DUE,
                      run,
                      row.row(),
                      run.attempts[row.row()]);
        } else {
          scheduler.markReady(run, row.row(), row.readyAt(), row.persisted());
        }
      }
      scheduler.fanOuts().resumed(run, fanOuts, unreadable);
      watchDeadline(run, stored.startedAt());
      scheduler.runs().put(run.id, run);
      scheduler.children().resumed(run);
      scheduler.batch().startedRuns.add(run);
      scheduler.ending().advance(run);
      resumed++;
    }
    int count = resumed;
    scheduler.batch().acks.add(() -> resume.committed().complete(count));
  }

  /** Sets the timer of the run's {@code @Flow(deadline)}, counted from its start. */
  private void watchDeadline(ActiveRun run, long startedAt) {
    run.flow
        .descriptor()
        .deadline()
        .ifPresent(
            deadline -> {
              long left = startedAt + Timers.micros(deadline) - now();
              run.deadline =
                  scheduler
                      .timers()
                      .add(
                          scheduler.timers().nowMicros() + Math.max(0, left),
                          Timers.Kind.DEADLINE,
                          run,
                          -1,
                          0);
            });
  }
}
