package dev.hypha.runtime.internal.engine;

import dev.hypha.runtime.RunId;
import dev.hypha.runtime.RunState;
import dev.hypha.runtime.TaskError;
import dev.hypha.runtime.TaskKind;
import dev.hypha.runtime.TaskState;
import dev.hypha.runtime.internal.store.TaskKeys;
import dev.hypha.runtime.internal.store.TaskWrite;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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
  TaskState[] states;
  int[] waitingOn;
  int[] attempts;
  String[] outputs;

  /** The execution of each row's current attempt, while it runs. */
  Execution[] executions;

  /** Whether the row has a row in the store, or one is being inserted in the current batch. */
  boolean[] stored;

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
  Timers.Timer[] retries;

  /** The row write of the current batch per row, valid while {@link #pendingEpoch} matches. */
  TaskWrite[] pending;

  long[] pendingEpoch;

  /**
   * For a flow whose tasks wait for signals (null otherwise): the signals sent to the run, in the
   * order they came; per task row, the payload of the signal it took (null while none); and whether
   * it waits for one now (READY, its dependencies done, and not in the ready queue).
   */
  List<Signals.Received> signals;

  String[] signalPayloads;
  boolean[] awaitingSignal;

  /**
   * For a flow with tasks that start sub-flows (null otherwise): per task row, the child run it
   * waits for. And, for a run that is such a child, the row of its parent that waits for it.
   */
  RunId[] children;

  Children.Parent parent;

  /**
   * For an interceptor: the context stored with the run, set when it starts here, or read from the
   * store by its first attempt after a restart; null until known. Set by any thread.
   */
  volatile java.util.Map<String, String> callerContext;

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
    if (flow.hasSubFlows()) {
      children = new RunId[flow.taskCount()];
    }
    if (flow.hasSignals()) {
      signals = new ArrayList<>(0);
      signalPayloads = new String[flow.taskCount()];
      awaitingSignal = new boolean[flow.taskCount()];
    }
  }

  /** The fan-outs under way or over, in the order their rows were allocated. */
  final List<FanOut> fanOuts = new ArrayList<>(0);

  /** Rows in use: the flow's, then the instances of each fan-out. */
  int rowCount() {
    return states.length;
  }

  /**
   * Makes room for {@code count} more rows, PENDING, after those in use, for the instances of a
   * fan-out; returns the first.
   */
  int addRows(int count) {
    int first = states.length;
    int rows = first + count;
    states = Arrays.copyOf(states, rows);
    Arrays.fill(states, first, rows, TaskState.PENDING);
    waitingOn = Arrays.copyOf(waitingOn, rows);
    attempts = Arrays.copyOf(attempts, rows);
    outputs = Arrays.copyOf(outputs, rows);
    executions = Arrays.copyOf(executions, rows);
    stored = Arrays.copyOf(stored, rows);
    retries = Arrays.copyOf(retries, rows);
    pending = Arrays.copyOf(pending, rows);
    pendingEpoch = Arrays.copyOf(pendingEpoch, rows);
    return first;
  }

  /** The fan-out whose instance {@code row} is, or null for a row of the flow. */
  FanOut fanOutOf(int row) {
    if (row < flow.rowCount()) {
      return null;
    }
    for (FanOut fanOut : fanOuts) {
      if (fanOut.holds(row)) {
        return fanOut;
      }
    }
    throw new IllegalStateException("run " + id + " has no row " + row);
  }

  /** The flow's row that {@code row} runs: itself, or the task of which it is an instance. */
  int taskOf(int row) {
    return row < flow.rowCount() ? row : fanOutOf(row).task;
  }

  /** Whether {@code row} is an instance of a fan-out. */
  boolean isInstance(int row) {
    return row >= flow.rowCount();
  }

  /** {@code task}, or {@code task[index]} for an instance. */
  String rowName(int row) {
    if (row < flow.rowCount()) {
      return flow.rowName(row);
    }
    FanOut fanOut = fanOutOf(row);
    return TaskKeys.instanceName(flow.rowName(fanOut.task), row - fanOut.base);
  }

  /** Whether {@code row} runs a task's method (a task or an instance of one), not a handler. */
  boolean isTask(int row) {
    return row < flow.taskCount() || row >= flow.rowCount();
  }

  TaskKind kind(int row) {
    return flow.kind(taskOf(row));
  }

  String queue(int row) {
    return flow.queue(taskOf(row));
  }

  Duration timeout(int row) {
    return flow.timeout(taskOf(row));
  }
}
