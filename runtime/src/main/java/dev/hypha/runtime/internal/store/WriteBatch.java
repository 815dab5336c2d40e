package dev.hypha.runtime.internal.store;

import dev.hypha.runtime.AttemptRecord;
import dev.hypha.runtime.RunId;
import dev.hypha.runtime.RunState;
import dev.hypha.runtime.TaskError;
import dev.hypha.runtime.TaskKind;
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
  final List<AttemptInsert> attempts = new ArrayList<>();
  final List<Cancellation> cancellations = new ArrayList<>();
  final List<SignalInsert> signals = new ArrayList<>();
  final List<Reopening> reopenings = new ArrayList<>();

  /** A new run row, without a caller context. */
  public void insertRun(
      RunId runId,
      long runSeq,
      String flow,
      String shapeHash,
      String inputJson,
      String key,
      long startedAt,
      int taskCount) {
    insertRun(runId, runSeq, flow, shapeHash, inputJson, key, startedAt, taskCount, null);
  }

  /** A new run row; {@code callerContext} is null unless an interceptor gave one. */
  public void insertRun(
      RunId runId,
      long runSeq,
      String flow,
      String shapeHash,
      String inputJson,
      String key,
      long startedAt,
      int taskCount,
      String callerContext) {
    runInserts.add(
        new RunInsert(
            runId, runSeq, flow, shapeHash, inputJson, key, startedAt, taskCount, callerContext));
  }

  /** A new task row; the returned write may still be changed until the batch is written. */
  public TaskWrite insertTask(
      long runSeq, int index, String name, TaskKind kind, String queue, TaskState state) {
    TaskWrite write = new TaskWrite(runSeq, index, true, name, kind.name(), queue, state);
    taskInserts.add(write);
    return write;
  }

  /** A change to an existing task row. */
  public TaskWrite updateTask(long runSeq, int index, TaskState state) {
    TaskWrite write = new TaskWrite(runSeq, index, false, null, null, null, state);
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

  /**
   * An attempt that ended without a result, kept in the history. {@code finishedAt} is when it
   * ended (when its loss was found, for an interrupted one); {@code error} is null for an
   * interrupted attempt.
   */
  public void insertAttempt(
      long runSeq,
      int index,
      int attempt,
      AttemptRecord.Outcome outcome,
      long startedAt,
      long finishedAt,
      String worker,
      TaskError error) {
    attempts.add(
        new AttemptInsert(runSeq, index, attempt, outcome, startedAt, finishedAt, worker, error));
  }

  /**
   * Cancels a stored run this engine does not execute: its unfinished task rows and the run itself
   * become CANCELLED at {@code at}, if the run is still RUNNING when the batch is written. The
   * supplier tells, once the batch is committed, whether it was.
   */
  public java.util.function.BooleanSupplier cancelRun(long runSeq, long at) {
    Cancellation cancellation = new Cancellation(runSeq, at);
    cancellations.add(cancellation);
    return () -> cancellation.applied;
  }

  /**
   * Makes a FAILED run RUNNING again for a retry, if it is still FAILED when the batch is written:
   * its FAILED task rows, and those SKIPPED because a dependency failed, become PENDING with their
   * attempt numbers kept (their failed attempts stay in the attempts table). The supplier tells,
   * once the batch is committed, whether it was.
   */
  public java.util.function.BooleanSupplier reopenRun(long runSeq) {
    Reopening reopening = new Reopening(runSeq);
    reopenings.add(reopening);
    return () -> reopening.applied;
  }

  /** A retry's reopening of a failed run and, once written, whether it applied. */
  static final class Reopening {
    final long runSeq;
    volatile boolean applied;

    Reopening(long runSeq) {
      this.runSeq = runSeq;
    }
  }

  /** A signal to a run this engine executes (so running), recorded in the order it came. */
  public void insertSignal(long runSeq, String name, String json, long sentAt) {
    signals.add(new SignalInsert(runSeq, name, json, sentAt, false));
  }

  /**
   * A signal to a stored run this engine does not execute, recorded if the run is still RUNNING
   * when the batch is written; the supplier tells, once the batch is committed, whether it was.
   */
  public java.util.function.BooleanSupplier insertSignalIfRunning(
      long runSeq, String name, String json, long sentAt) {
    SignalInsert signal = new SignalInsert(runSeq, name, json, sentAt, true);
    signals.add(signal);
    return () -> signal.applied;
  }

  /** A signal to record and, once written, whether it was. */
  static final class SignalInsert {
    final long runSeq;
    final String name;
    final String json;
    final long sentAt;
    final boolean ifRunning;
    volatile boolean applied;

    SignalInsert(long runSeq, String name, String json, long sentAt, boolean ifRunning) {
      this.runSeq = runSeq;
      this.name = name;
      this.json = json;
      this.sentAt = sentAt;
      this.ifRunning = ifRunning;
    }
  }

  /** A cancellation in the store and, once written, whether it applied. */
  static final class Cancellation {
    final long runSeq;
    final long at;
    volatile boolean applied;

    Cancellation(long runSeq, long at) {
      this.runSeq = runSeq;
      this.at = at;
    }
  }

  public boolean isEmpty() {
    return size() == 0;
  }

  /** The number of row writes, for metrics. */
  public int size() {
    return runInserts.size()
        + taskInserts.size()
        + taskUpdates.size()
        + runFinishes.size()
        + attempts.size()
        + cancellations.size()
        + signals.size()
        + reopenings.size();
  }

  public void clear() {
    runInserts.clear();
    taskInserts.clear();
    taskUpdates.clear();
    runFinishes.clear();
    attempts.clear();
    cancellations.clear();
    signals.clear();
    reopenings.clear();
  }

  record RunInsert(
      RunId runId,
      long runSeq,
      String flow,
      String shapeHash,
      String inputJson,
      String key,
      long startedAt,
      int taskCount,
      String callerContext) {}

  record AttemptInsert(
      long runSeq,
      int index,
      int attempt,
      AttemptRecord.Outcome outcome,
      long startedAt,
      long finishedAt,
      String worker,
      TaskError error) {}

  record RunFinish(
      long runSeq,
      RunState state,
      String resultJson,
      String errorTask,
      String errorType,
      String errorMessage,
      long finishedAt) {}
}
