package dev.hypha.runtime.internal.store;

import dev.hypha.runtime.SkipReason;
import dev.hypha.runtime.TaskState;

/**
 * The changes to one task row within one transaction. The engine merges every transition a task
 * goes through in a batch into one write, so a task that becomes ready and is claimed in the same
 * batch costs one statement. An update changes only the columns that were set.
 */
public final class TaskWrite {
  static final int ATTEMPT = 1;
  static final int READY_AT = 1 << 1;
  static final int STARTED_AT = 1 << 2;
  static final int FINISHED_AT = 1 << 3;
  static final int WORKER = 1 << 4;
  static final int OUTPUT = 1 << 5;
  static final int ERROR = 1 << 6;
  static final int SKIP_REASON = 1 << 7;
  static final int INPUT = 1 << 8;
  static final int ALL = (1 << 9) - 1;

  final long runSeq;
  final int index;
  final boolean insert;
  final String name;
  final String kind;
  final String queue;
  TaskState state;

  /** Which optional columns were set, as a mask of the constants above. */
  int changed;

  int attempt;
  long readyAt;
  long startedAt;
  long finishedAt;
  String worker;
  String outputJson;
  String errorType;
  String errorMessage;
  String errorStack;
  String skipReason;
  String inputJson;

  TaskWrite(
      long runSeq,
      int index,
      boolean insert,
      String name,
      String kind,
      String queue,
      TaskState state) {
    this.runSeq = runSeq;
    this.index = index;
    this.insert = insert;
    this.name = name;
    this.kind = kind;
    this.queue = queue;
    this.state = state;
  }

  public TaskWrite state(TaskState state) {
    this.state = state;
    return this;
  }

  public TaskWrite attempt(int attempt) {
    this.attempt = attempt;
    changed |= ATTEMPT;
    return this;
  }

  public TaskWrite readyAt(long micros) {
    this.readyAt = micros;
    changed |= READY_AT;
    return this;
  }

  public TaskWrite startedAt(long micros) {
    this.startedAt = micros;
    changed |= STARTED_AT;
    return this;
  }

  public TaskWrite finishedAt(long micros) {
    this.finishedAt = micros;
    changed |= FINISHED_AT;
    return this;
  }

  public TaskWrite worker(String worker) {
    this.worker = worker;
    changed |= WORKER;
    return this;
  }

  public TaskWrite output(String json) {
    this.outputJson = json;
    changed |= OUTPUT;
    return this;
  }

  public TaskWrite error(String type, String message, String stack) {
    this.errorType = type;
    this.errorMessage = message;
    this.errorStack = stack;
    changed |= ERROR;
    return this;
  }

  /** A SKIPPED row's reason, when it is not the default, {@link SkipReason#UPSTREAM_FAILED}. */
  public TaskWrite skipReason(SkipReason reason) {
    this.skipReason = reason.name();
    changed |= SKIP_REASON;
    return this;
  }

  /** What the row runs on besides its dependencies' outputs: the payload of the signal it took. */
  public TaskWrite input(String json) {
    this.inputJson = json;
    changed |= INPUT;
    return this;
  }

  public TaskState state() {
    return state;
  }

  long key() {
    return TaskKeys.key(runSeq, index);
  }

  boolean has(int column) {
    return (changed & column) != 0;
  }
}
