package dev.hypha.runtime.internal.store;

import dev.hypha.runtime.RunId;
import dev.hypha.runtime.TaskState;

/**
 * The changes to one task row within one transaction. The engine merges every transition a task
 * goes through in a batch into one write, so a task that becomes ready and is claimed in the same
 * batch costs one statement. Fields left null are not changed by an update.
 */
public final class TaskWrite {
  final RunId runId;
  final int index;
  final boolean insert;
  final String name;
  final String queue;
  TaskState state;
  Integer attempt;
  Long readyAt;
  Long startedAt;
  Long finishedAt;
  String worker;
  String outputJson;
  String errorType;
  String errorMessage;
  String errorStack;

  TaskWrite(RunId runId, int index, boolean insert, String name, String queue, TaskState state) {
    this.runId = runId;
    this.index = index;
    this.insert = insert;
    this.name = name;
    this.queue = queue;
    this.state = state;
  }

  public TaskWrite state(TaskState state) {
    this.state = state;
    return this;
  }

  public TaskWrite attempt(int attempt) {
    this.attempt = attempt;
    return this;
  }

  public TaskWrite readyAt(long micros) {
    this.readyAt = micros;
    return this;
  }

  public TaskWrite startedAt(long micros) {
    this.startedAt = micros;
    return this;
  }

  public TaskWrite finishedAt(long micros) {
    this.finishedAt = micros;
    return this;
  }

  public TaskWrite worker(String worker) {
    this.worker = worker;
    return this;
  }

  public TaskWrite output(String json) {
    this.outputJson = json;
    return this;
  }

  public TaskWrite error(String type, String message, String stack) {
    this.errorType = type;
    this.errorMessage = message;
    this.errorStack = stack;
    return this;
  }

  public TaskState state() {
    return state;
  }
}
