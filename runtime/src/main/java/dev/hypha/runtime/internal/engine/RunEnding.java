package dev.hypha.runtime.internal.engine;

import dev.hypha.runtime.RunState;
import dev.hypha.runtime.TaskError;
import dev.hypha.runtime.TaskState;
import java.util.Arrays;

/**
 * What happens once a run's tasks are over. A run that failed (or was cancelled, when its flow
 * asks) first runs the compensations of its succeeded tasks, one at a time in reverse dependency
 * order; then the {@code @OnSuccess} or {@code @OnFailure} callback runs; then the run's final
 * state is written. Each handler is a row of its own, so all of this is durable and resumes after a
 * crash: {@link #advance} works from the rows' states alone.
 */
final class RunEnding {
  private final Scheduler scheduler;

  RunEnding(Scheduler scheduler) {
    this.scheduler = scheduler;
  }

  /** A compensation or callback row ended: go on with the next step. */
  void handlerEnded(ActiveRun run, int row) {
    if (run.handlerUnderWay == row) {
      run.handlerUnderWay = -1;
    }
    advance(run);
  }

  /** Moves the run as far as its rows allow: next handler, or its end. */
  void advance(ActiveRun run) {
    if (run.phase == ActiveRun.Phase.TASKS) {
      if (run.unfinished > 0) {
        return;
      }
      run.endState =
          run.cancelled
              ? RunState.CANCELLED
              : run.firstError != null ? RunState.FAILED : RunState.SUCCEEDED;
      boolean compensate =
          run.endState == RunState.FAILED
              || (run.endState == RunState.CANCELLED && run.flow.descriptor().compensateOnCancel());
      if (compensate) {
        queueCompensations(run);
      }
      run.phase = ActiveRun.Phase.COMPENSATING;
    }
    if (run.phase == ActiveRun.Phase.COMPENSATING) {
      if (run.handlerUnderWay >= 0) {
        return;
      }
      Integer next = run.compensations.poll();
      if (next != null) {
        startHandler(run, next);
        return;
      }
      run.phase = ActiveRun.Phase.CALLING_BACK;
    }
    if (run.phase == ActiveRun.Phase.CALLING_BACK) {
      if (run.handlerUnderWay >= 0) {
        return;
      }
      int callback =
          switch (run.endState) {
            case SUCCEEDED -> run.flow.onSuccessRow();
            case FAILED -> run.flow.onFailureRow();
            default -> -1;
          };
      if (callback >= 0 && !run.states[callback].isFinal()) {
        startHandler(run, callback);
        return;
      }
      end(run);
    }
  }

  /** Reverse task order is a reverse dependency order: dependents come after dependencies. */
  private static void queueCompensations(ActiveRun run) {
    for (int task = run.flow.taskCount() - 1; task >= 0; task--) {
      int row = run.flow.compensationRow(task);
      // A RECOVERED task's own work failed; only what succeeded is undone.
      if (row >= 0
          && run.states[task] == TaskState.SUCCEEDED
          && !run.states[row].isFinal()
          && row != run.handlerUnderWay) {
        run.compensations.add(row);
      }
    }
  }

  private void startHandler(ActiveRun run, int row) {
    run.handlerUnderWay = row;
    scheduler.markReady(run, row, scheduler.batch().now, false);
  }

  private void end(ActiveRun run) {
    Batch batch = scheduler.batch();
    run.phase = ActiveRun.Phase.ENDED;
    switch (run.endState) {
      case SUCCEEDED -> {
        String resultJson = scheduler.results().json(run);
        run.completion.resultJson = resultJson;
        batch.writes.finishRun(
            run.seq, RunState.SUCCEEDED, resultJson, null, null, null, batch.now);
      }
      case FAILED -> {
        TaskError error = run.firstError;
        run.completion.firstError = error;
        batch.writes.finishRun(
            run.seq, RunState.FAILED, null, error.task(), error.type(), error.message(), batch.now);
      }
      default -> batch.writes.finishRun(run.seq, run.endState, null, null, null, null, batch.now);
    }
    batch.endedRuns.add(run);
    batch.runEvent(run, run.endState);
    // The batch holds its own writes; the run (which handles may keep) need not.
    Arrays.fill(run.pending, null);
    scheduler.ended(run);
    scheduler.children().ended(run);
  }
}
