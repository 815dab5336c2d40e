package dev.hypha.runtime.internal.engine;

import dev.hypha.runtime.AttemptEvent;
import dev.hypha.runtime.RunEvent;
import dev.hypha.runtime.RunState;
import dev.hypha.runtime.TaskError;
import dev.hypha.runtime.TaskEvent;
import dev.hypha.runtime.TaskState;
import dev.hypha.runtime.internal.store.Micros;
import dev.hypha.runtime.internal.store.TaskWrite;
import dev.hypha.runtime.internal.store.WriteBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything one group commit writes and then sets off: the row changes, and the runs, executions,
 * acknowledgements and events that must wait for the commit. Filled by the engine thread and reused
 * from batch to batch.
 */
final class Batch {
  final WriteBatch writes = new WriteBatch();
  final List<ActiveRun> startedRuns = new ArrayList<>();
  final List<ActiveRun> endedRuns = new ArrayList<>();
  final List<Execution> dispatches = new ArrayList<>();
  final List<Execution> interrupts = new ArrayList<>();
  final List<Runnable> acks = new ArrayList<>();

  /** Acknowledgements whose futures callers chain code to: run on a callback thread. */
  final List<Runnable> callbackAcks = new ArrayList<>();

  final List<Object> events = new ArrayList<>();
  private final Listeners listeners;
  long epoch;
  long now;

  /**
   * Whether this batch builds events: read from the listeners once per batch, so the engine's loop
   * pays one look per commit, not one per change; a listener added meanwhile hears from the next.
   */
  boolean recording;

  Batch(Listeners listeners) {
    this.listeners = listeners;
    this.recording = listeners.enabled();
  }

  void reset(long now) {
    recording = listeners.enabled();
    writes.clear();
    startedRuns.clear();
    endedRuns.clear();
    dispatches.clear();
    interrupts.clear();
    acks.clear();
    callbackAcks.clear();
    events.clear();
    epoch++;
    this.now = now;
  }

  /**
   * The write of this batch for a row, merged with any earlier one of the same batch: an insert
   * when the row has none in the store yet (a task gets its row when it leaves PENDING), an update
   * otherwise.
   */
  TaskWrite write(ActiveRun run, int row, TaskState state) {
    run.states[row] = state;
    if (run.pendingEpoch[row] == epoch) {
      return run.pending[row].state(state);
    }
    TaskWrite write;
    if (run.stored[row]) {
      write = writes.updateTask(run.seq, row, state);
    } else {
      write =
          writes.insertTask(run.seq, row, run.rowName(row), run.kind(row), run.queue(row), state);
      run.stored[row] = true;
    }
    run.pending[row] = write;
    run.pendingEpoch[row] = epoch;
    return write;
  }

  void taskEvent(ActiveRun run, int row, TaskState state, long at, TaskError error) {
    if (recording) {
      events.add(
          new TaskEvent(
              run.id,
              run.flow.name(),
              run.rowName(row),
              state,
              run.attempts[row],
              Micros.toInstant(at),
              Optional.ofNullable(error)));
    }
  }

  void attemptEvent(
      ActiveRun run,
      int row,
      int attempt,
      long startedAt,
      long finishedAt,
      AttemptEvent.Outcome outcome,
      TaskError error) {
    if (recording) {
      events.add(
          new AttemptEvent(
              run.id,
              run.flow.name(),
              run.rowName(row),
              run.kind(row),
              attempt,
              Micros.toInstant(startedAt > 0 ? startedAt : finishedAt),
              Micros.toInstant(finishedAt),
              outcome,
              Optional.ofNullable(error)));
    }
  }

  void runEvent(ActiveRun run, RunState state) {
    if (recording) {
      events.add(
          new RunEvent(
              run.id,
              run.flow.name(),
              state,
              Micros.toInstant(now),
              Optional.ofNullable(state == RunState.FAILED ? run.firstError : null)));
    }
  }
}
