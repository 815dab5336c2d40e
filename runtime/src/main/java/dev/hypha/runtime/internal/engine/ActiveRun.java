package dev.hypha.runtime.internal.engine;

import dev.hypha.runtime.RunId;
import dev.hypha.runtime.RunState;
import dev.hypha.runtime.TaskError;
import dev.hypha.runtime.TaskState;
import dev.hypha.runtime.internal.store.TaskWrite;
import java.util.concurrent.CompletableFuture;

/**
 * The in-memory state of a run the engine is executing: enough to decide what runs next without
 * reading the store. Only the engine thread changes it; an execution reads the outputs of its
 * dependencies, which were set before it was dispatched. Dropped when the run ends, so memory stays
 * flat however many runs have finished.
 */
final class ActiveRun {
  final RunId id;

  /** The run's key in the store. */
  final long seq;

  final RegisteredFlow flow;
  final String inputJson;
  final TaskState[] states;
  final int[] waitingOn;
  final int[] attempts;
  final String[] outputs;

  /** Whether the task has a row in the store, or one is being inserted in the current batch. */
  final boolean[] stored;

  int unfinished;
  TaskError firstError;

  /** The row write of the current batch per task, valid while {@link #pendingEpoch} matches. */
  final TaskWrite[] pending;

  final long[] pendingEpoch;

  /** Completed after the run's final state is committed. */
  final CompletableFuture<RunState> finished = new CompletableFuture<>();

  /** The final state, set by the scheduler in the batch that ends the run. */
  RunState endState;

  /** The state others may read: RUNNING until the end is committed. */
  volatile RunState state = RunState.RUNNING;

  ActiveRun(RunId id, long seq, RegisteredFlow flow, String inputJson) {
    this.id = id;
    this.seq = seq;
    this.flow = flow;
    this.inputJson = inputJson;
    int size = flow.descriptor().tasks().size();
    this.states = new TaskState[size];
    this.waitingOn = new int[size];
    this.attempts = new int[size];
    this.outputs = new String[size];
    this.stored = new boolean[size];
    this.pending = new TaskWrite[size];
    this.pendingEpoch = new long[size];
    this.unfinished = size;
    for (int task = 0; task < size; task++) {
      states[task] = TaskState.PENDING;
      waitingOn[task] = flow.descriptor().dependencies(task).length;
    }
  }

  String taskName(int task) {
    return flow.descriptor().task(task).name();
  }
}
