package dev.hypha.runtime.internal.engine;

import dev.hypha.runtime.RunId;
import dev.hypha.runtime.RunState;
import dev.hypha.runtime.TaskError;
import dev.hypha.runtime.TaskState;
import dev.hypha.runtime.internal.store.TaskWrite;
import java.util.ArrayDeque;

/**
 * The in-memory state of a run the engine is executing: enough to decide what runs next without
 * reading the store. Only the engine thread changes it; an execution reads the outputs of the rows
 * it depends on, which were set before it was dispatched. Dropped when the run ends, so memory
 * stays flat however many runs have finished.
 */
final class ActiveRun {
  /** Where a run is: running its tasks, undoing them, calling back, or over. */
  enum Phase {
    TASKS,
    COMPENSATING,
    CALLING_BACK,
    ENDED
  }

  final RunId id;

  /** The run's key in the store. */
  final long seq;

  final RegisteredFlow flow;
  final String inputJson;
  final TaskState[] states;
  final int[] waitingOn;
  final int[] attempts;
  final String[] outputs;

  /** The execution of each row's current attempt, while it runs. */
  final Execution[] executions;

  /** Whether the row has a row in the store, or one is being inserted in the current batch. */
  final boolean[] stored;

  /** Tasks (not handlers) that have not ended. */
  int unfinished;

  TaskError firstError;
  boolean cancelled;

  /** Whether the run holds one of the engine's run permits, given back when it ends. */
  boolean holdsPermit;

  Phase phase = Phase.TASKS;

  /** How the run ends, decided when its last task ends. */
  RunState endState;

  /** Compensation rows still to run, in order; and the handler row under way, or -1. */
  final ArrayDeque<Integer> compensations = new ArrayDeque<>();

  int handlerUnderWay = -1;

  /** The timer of the run's deadline, if it has one; cancelled when the run ends. */
  Timers.Timer deadline;

  /** Per row, the timer of a retry waiting for its due time; cancelled when the row ends. */
  final Timers.Timer[] retries;

  /** The row write of the current batch per row, valid while {@link #pendingEpoch} matches. */
  final TaskWrite[] pending;

  final long[] pendingEpoch;

  /** How the run ended, once its end is committed: all a run handle keeps of it. */
  final RunCompletion completion = new RunCompletion();

  ActiveRun(RunId id, long seq, RegisteredFlow flow, String inputJson) {
    this.id = id;
    this.seq = seq;
    this.flow = flow;
    this.inputJson = inputJson;
    int rows = flow.rowCount();
    this.states = new TaskState[rows];
    this.waitingOn = new int[rows];
    this.attempts = new int[rows];
    this.outputs = new String[rows];
    this.executions = new Execution[rows];
    this.retries = new Timers.Timer[rows];
    this.pending = new TaskWrite[rows];
    this.pendingEpoch = new long[rows];
    this.stored = new boolean[rows];
    this.unfinished = flow.taskCount();
    for (int row = 0; row < rows; row++) {
      states[row] = TaskState.PENDING;
    }
    for (int task = 0; task < flow.taskCount(); task++) {
      waitingOn[task] = flow.dependencies(task).length;
    }
  }

  String rowName(int row) {
    return flow.rowName(row);
  }

  boolean isTask(int row) {
    return row < flow.taskCount();
  }
}
