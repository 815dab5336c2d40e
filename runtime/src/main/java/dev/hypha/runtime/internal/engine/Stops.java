package dev.hypha.runtime.internal.engine;

import dev.hypha.runtime.RunDeadlineExceededException;
import dev.hypha.runtime.RunState;
import dev.hypha.runtime.TaskError;
import dev.hypha.runtime.TaskState;
import dev.hypha.runtime.TaskTimeoutException;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * What stops attempts before they end by themselves: an attempt over its {@code @Timeout}, a run
 * past its deadline, a cancelled run. Each settles the attempt at once (its late outcome is
 * ignored), has the effects thread interrupt it, and records what happened. Engine thread only.
 */
final class Stops {
  private final Scheduler scheduler;

  Stops(Scheduler scheduler) {
    this.scheduler = scheduler;
  }

  /** An attempt ran past its {@code @Timeout}: stop it, then retry, handle or fail the task. */
  void timeout(Timers.Timer timer) {
    ActiveRun run = timer.run;
    int row = timer.row;
    Execution execution = run.executions[row];
    if (execution == null
        || execution.attempt != timer.attempt
        || execution.settled
        || execution.isDone()) {
      // Settled, or returned just now with its outcome on the way: that outcome settles it.
      return;
    }
    Duration limit = run.timeout(row);
    long elapsed = scheduler.elapsedMicros(execution);
    if (elapsed < Timers.micros(limit)) {
      // Still queued for a thread, or started later than it was claimed: wait the rest.
      execution.timeout =
          scheduler
              .timers()
              .add(
                  scheduler.timers().nowMicros() + Math.max(0, Timers.micros(limit) - elapsed),
                  Timers.Kind.TIMEOUT,
                  run,
                  row,
                  timer.attempt);
      return;
    }
    Batch batch = scheduler.batch();
    long startedAt = stop(run, execution);
    TaskTimeoutException timedOut =
        new TaskTimeoutException(run.rowName(row), execution.attempt, limit);
    TaskError error = TaskExecution.error(run.rowName(row), timedOut);
    scheduler.recordFailedAttempt(execution, startedAt, batch.now, true, error);
    Duration delay = TaskExecution.retryDelay(execution, timedOut);
    if (delay != null) {
      scheduler.retryLater(run, row, error, batch.now + Timers.micros(delay));
    } else if (TaskExecution.faultHandlerFor(run.flow, run.taskOf(row), timedOut) >= 0) {
      scheduler.dispatch(new Execution(run, row, execution.attempt, timedOut));
    } else {
      scheduler.fail(run, row, error, startedAt, batch.now);
    }
  }

  /**
   * The run's deadline passed: what runs or waits to retry fails, the rest is skipped. A running
   * attempt is stopped and recorded as timed out, as one over its {@code @Timeout} would be. The
   * deadline bounds the tasks; compensations and callbacks still run after it.
   */
  void deadline(ActiveRun run) {
    if (run.phase != ActiveRun.Phase.TASKS) {
      return;
    }
    scheduler.children().cancelChildren(run);
    // Instances of fan-outs and loops first, so that their rows are written before their task's
    // failure may end the run; their ends release no others.
    run.fanOuts.forEach(FanOut::stop);
    for (int row = run.flow.rowCount(); row < run.rowCount(); row++) {
      TaskState state = run.states[row];
      if (state != TaskState.RUNNING && state != TaskState.READY) {
        continue;
      }
      if (neverBegan(run, row)) {
        run.states[row] = TaskState.SKIPPED; // waiting for a slot: it leaves no row
        scheduler.batch().taskEvent(run, row, TaskState.SKIPPED, scheduler.batch().now, null);
        continue;
      }
      exceeded(run, row);
    }
    for (int task = 0; task < run.flow.taskCount(); task++) {
      TaskState state = run.states[task];
      if (state == TaskState.RUNNING || state == TaskState.READY) {
        exceeded(run, task);
      }
    }
  }

  /** Row {@code row}, ready or running, fails for the run's deadline; a running attempt stops. */
  private void exceeded(ActiveRun run, int row) {
    Batch batch = scheduler.batch();
    RunDeadlineExceededException exceeded =
        new RunDeadlineExceededException(run.id, run.flow.descriptor().deadline().orElseThrow());
    TaskError error = TaskExecution.error(run.rowName(row), exceeded);
    scheduler.stopWaiting(run, row);
    long startedAt = -1;
    Execution execution = run.executions[row];
    if (execution != null && !execution.settled) {
      boolean started = execution.startedNanos != 0;
      startedAt = stop(run, execution);
      if (execution.collect != null) {
        startedAt = -1; // a fan-out's collection is no attempt, and keeps the task's start
      } else if (started && execution.faultOnly == null) {
        scheduler.recordFailedAttempt(execution, startedAt, batch.now, true, error);
      }
    }
    scheduler.fail(run, row, error, startedAt, batch.now);
  }

  /**
   * Cancels a run. Its running attempts are stopped and its unfinished tasks CANCELLED; then its
   * compensations run if the flow asks. A run already compensating or calling back has the handler
   * under way stopped and the rest dropped. Returns false for a run that has ended.
   */
  boolean cancel(ActiveRun run) {
    if (run.phase == ActiveRun.Phase.ENDED) {
      return false;
    }
    Batch batch = scheduler.batch();
    run.cancelled = true;
    scheduler.children().cancelChildren(run);
    if (run.phase == ActiveRun.Phase.TASKS) {
      for (int task = 0; task < run.flow.taskCount(); task++) {
        if (!run.states[task].isFinal()) {
          cancelRow(run, task);
          run.unfinished--;
        }
      }
      for (int row = run.flow.rowCount(); row < run.rowCount(); row++) {
        TaskState state = run.states[row];
        if (state == TaskState.READY || state == TaskState.RUNNING) {
          if (neverBegan(run, row)) {
            run.states[row] = TaskState.CANCELLED; // waiting for a slot: it leaves no row
            batch.taskEvent(run, row, TaskState.CANCELLED, batch.now, null);
          } else {
            cancelRow(run, row);
          }
        }
      }
    } else {
      if (run.handlerUnderWay >= 0) {
        cancelRow(run, run.handlerUnderWay);
        run.handlerUnderWay = -1;
      }
      run.compensations.clear();
      run.endState = RunState.CANCELLED;
      run.phase = ActiveRun.Phase.CALLING_BACK;
    }
    scheduler.ending().advance(run);
    return true;
  }

  /**
   * Cancels a run this engine does not execute (its flow unbound, or of another shape), in the
   * store; the answer, whether it was still running there, is known once the batch is committed.
   */
  BooleanSupplier cancelStored(long runSeq) {
    return scheduler.batch().writes.cancelRun(runSeq, scheduler.batch().now);
  }

  /** Whether an instance of a fan-out only waits in the ready queue: no row, no attempt. */
  private static boolean neverBegan(ActiveRun run, int row) {
    return !run.stored[row] && run.executions[row] == null && run.retries[row] == null;
  }

  private void cancelRow(ActiveRun run, int row) {
    Batch batch = scheduler.batch();
    scheduler.stopWaiting(run, row);
    Execution execution = run.executions[row];
    if (execution != null && !execution.settled) {
      stop(run, execution);
    }
    batch.write(run, row, TaskState.CANCELLED).finishedAt(batch.now);
    batch.taskEvent(run, row, TaskState.CANCELLED, batch.now, null);
  }

  /** Settles {@code execution} and has its thread interrupted; returns when it started. */
  private long stop(ActiveRun run, Execution execution) {
    Batch batch = scheduler.batch();
    scheduler.settle(execution);
    batch.interrupts.add(execution);
    if (scheduler.controlled()) {
      // On a test's clock the attempt's own start is what the clock said then.
      long startedAt = execution.startedAt;
      return startedAt == 0 ? batch.now : startedAt;
    }
    long started = execution.startedNanos;
    return started == 0 ? batch.now : batch.now - (System.nanoTime() - started) / 1000;
  }
}
