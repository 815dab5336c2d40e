package dev.hypha.runtime.internal.engine;

import dev.hypha.runtime.RunId;
import dev.hypha.runtime.TaskContext;
import dev.hypha.runtime.TaskError;
import dev.hypha.runtime.TaskKind;
import dev.hypha.runtime.spi.SignalWait;
import dev.hypha.runtime.spi.TaskArguments;
import java.util.Optional;

/**
 * The arguments of one execution, decoded from the run's JSON on each call so that no two tasks
 * share a mutable object, and so a task sees exactly what a restarted run would see.
 */
final class TaskArgs implements TaskArguments, TaskContext {
  private final Engine engine;
  private final Execution execution;
  private final ActiveRun run;
  private final Throwable fault;

  TaskArgs(Engine engine, Execution execution, Throwable fault) {
    this.engine = engine;
    this.execution = execution;
    this.run = execution.run;
    this.fault = fault;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T input() {
    return (T)
        engine.outputs().decode(run.id, "input", run.flow.descriptor().input(), run.inputJson);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T output(int task) {
    return (T) engine.outputs().output(run, task);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T element() {
    if (!execution.instance) {
      throw new IllegalStateException(
          task() + " is not an instance of a fan-out; it has no element");
    }
    return (T)
        engine
            .outputs()
            .decode(
                run.id,
                "element of " + task(),
                run.flow.descriptor().task(execution.task).element(),
                execution.elementJson);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> Optional<T> signal() {
    SignalWait<?> wait = run.flow.signalWait(execution.task);
    if (wait == null) {
      throw new IllegalStateException(task() + " waits for no signal; it has no payload");
    }
    if (execution.signalJson == null) {
      return Optional.empty();
    }
    return Optional.of(
        (T)
            engine
                .outputs()
                .decode(
                    run.id,
                    "payload of signal " + wait.name(),
                    wait.payload(),
                    execution.signalJson));
  }

  @Override
  public TaskContext context() {
    return this;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T extends Throwable> T exception() {
    if (fault == null) {
      throw new IllegalStateException(task() + " is not a fault handler; it has no exception");
    }
    return (T) fault;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T result() {
    if (run.flow.kind(execution.task) != TaskKind.ON_SUCCESS) {
      throw new IllegalStateException(task() + " is not an @OnSuccess callback; it has no result");
    }
    return (T) run.flow.definition().result(this);
  }

  @Override
  public TaskError runError() {
    if (run.flow.kind(execution.task) != TaskKind.ON_FAILURE) {
      throw new IllegalStateException(task() + " is not an @OnFailure callback; it has no error");
    }
    return run.firstError;
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
    return execution.name;
  }

  @Override
  public int attempt() {
    return execution.attempt;
  }

  @Override
  public String idempotencyKey() {
    return run.id + "/" + task();
  }

  @Override
  public String worker() {
    return engine.workerId();
  }
}
