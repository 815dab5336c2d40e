package dev.hypha.runtime.internal.engine;

import dev.hypha.runtime.CorruptRecordException;
import dev.hypha.runtime.RunId;
import dev.hypha.runtime.TaskContext;
import dev.hypha.runtime.TaskState;
import dev.hypha.runtime.spi.TaskArguments;

/**
 * The arguments of one execution, decoded from the run's JSON on each call so that no two tasks
 * share a mutable object, and so a task sees exactly what a restarted run would see.
 */
final class TaskArgs implements TaskArguments, TaskContext {
  private final Engine engine;
  private final ActiveRun run;
  private final int task;
  private final int attempt;

  TaskArgs(Engine engine, ActiveRun run, int task, int attempt) {
    this.engine = engine;
    this.run = run;
    this.task = task;
    this.attempt = attempt;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T input() {
    return (T) decode(run.inputJson, run.flow.descriptor().input(), "input");
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T output(int dependency) {
    if (run.states[dependency] != TaskState.SUCCEEDED) {
      throw new IllegalStateException(
          "task " + run.taskName(dependency) + " has not succeeded in run " + run.id);
    }
    return (T)
        decode(
            run.outputs[dependency],
            run.flow.descriptor().task(dependency).output(),
            "output of task " + run.taskName(dependency));
  }

  @Override
  public TaskContext context() {
    return this;
  }

  @Override
  public <T extends Throwable> T exception() {
    throw new IllegalStateException(
        "task " + task() + " is not a fault handler; it has no exception");
  }

  @Override
  public <T> T result() {
    throw new IllegalStateException(
        "task " + task() + " is not an @OnSuccess callback; it has no result");
  }

  @Override
  public dev.hypha.runtime.TaskError runError() {
    throw new IllegalStateException(
        "task " + task() + " is not an @OnFailure callback; it has no run error");
  }

  @Override
  public RunId runId() {
    return run.id;
  }

  @Override
  public String flow() {
    return run.flow.name();
  }

  @Override
  public String task() {
    return run.taskName(task);
  }

  @Override
  public int attempt() {
    return attempt;
  }

  @Override
  public String idempotencyKey() {
    return run.id + "/" + run.taskName(task);
  }

  @Override
  public String worker() {
    return engine.workerId();
  }

  private Object decode(String json, dev.hypha.runtime.spi.TypeRef<?> type, String field) {
    try {
      return engine.codec().read(json, type);
    } catch (Exception e) {
      throw new CorruptRecordException(engine.storeLocation(), run.id, field, type.toString(), e);
    }
  }
}
