package dev.hypha.runtime.internal.store;

import dev.hypha.runtime.RunId;
import dev.hypha.runtime.RunState;
import dev.hypha.runtime.TaskState;
import java.util.ArrayList;
import java.util.List;

/**
 * Every row change of one group commit, applied by {@link Store#write} in a single transaction.
 * Filled by the engine's writer thread only; not thread-safe.
 */
public final class WriteBatch {
  final List<RunInsert> runInserts = new ArrayList<>();
  final List<TaskWrite> taskInserts = new ArrayList<>();
  final List<TaskWrite> taskUpdates = new ArrayList<>();
  final List<RunFinish> runFinishes = new ArrayList<>();

  /** A new run row. */
  public void insertRun(
      RunId runId,
      long runSeq,
      String flow,
      String shapeHash,
      String inputJson,
      long startedAt,
      int taskCount) {
    runInserts.add(new RunInsert(runId, runSeq, flow, shapeHash, inputJson, startedAt, taskCount));
  }

  /** A new task row; the returned write may still be changed until the batch is written. */
  public TaskWrite insertTask(long runSeq, int index, String name, String queue, TaskState state) {
    TaskWrite write = new TaskWrite(runSeq, index, true, name, queue, state);
    taskInserts.add(write);
    return write;
  }

  /** A change to an existing task row. */
  public TaskWrite updateTask(long runSeq, int index, TaskState state) {
    TaskWrite write = new TaskWrite(runSeq, index, false, null, null, state);
    taskUpdates.add(write);
    return write;
  }

  /** The end of a run. */
  public void finishRun(
      long runSeq,
      RunState state,
      String resultJson,
      String errorTask,
      String errorType,
      String errorMessage,
      long finishedAt) {
    runFinishes.add(
        new RunFinish(runSeq, state, resultJson, errorTask, errorType, errorMessage, finishedAt));
  }

  public boolean isEmpty() {
    return runInserts.isEmpty()
        && taskInserts.isEmpty()
        && taskUpdates.isEmpty()
        && runFinishes.isEmpty();
  }

  /** The number of row writes, for metrics. */
  public int size() {
    return runInserts.size() + taskInserts.size() + taskUpdates.size() + runFinishes.size();
  }

  public void clear() {
    runInserts.clear();
    taskInserts.clear();
    taskUpdates.clear();
    runFinishes.clear();
  }

  record RunInsert(
      RunId runId,
      long runSeq,
      String flow,
      String shapeHash,
      String inputJson,
      long startedAt,
      int taskCount) {}

  record RunFinish(
      long runSeq,
      RunState state,
      String resultJson,
      String errorTask,
      String errorType,
      String errorMessage,
      long finishedAt) {}
}
