package dev.hypha.runtime.internal.shared;

import dev.hypha.runtime.NoOutputException;
import dev.hypha.runtime.RunId;
import dev.hypha.runtime.TaskContext;
import dev.hypha.runtime.TaskError;
import dev.hypha.runtime.internal.store.SharedTx;
import dev.hypha.runtime.internal.store.TaskKeys;
import dev.hypha.runtime.spi.TaskArguments;
import java.util.Map;

/**
 * One claimed attempt of one task, with what it reads: the run's input and its dependencies'
 * outputs, as they were committed when it was claimed. Decodes a fresh value on each call, so tasks
 * never share mutable objects.
 */
final class Assignment implements TaskArguments, TaskContext {
  final SharedFlow flow;
  final SharedTx.Claimed claimed;
  final String token;
  final RunId runId;
  private final String inputJson;
  private final Map<Long, String> outputs;
  private final SharedRuntime runtime;
  private final String worker;

  Assignment(
      SharedRuntime runtime,
      SharedFlow flow,
      SharedTx.Claimed claimed,
      String token,
      String worker,
      RunId runId,
      String inputJson,
      Map<Long, String> outputs) {
    this.runtime = runtime;
    this.flow = flow;
    this.claimed = claimed;
    this.token = token;
    this.worker = worker;
    this.runId = runId;
    this.inputJson = inputJson;
    this.outputs = outputs;
  }

  int index() {
    return claimed.index();
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T input() {
    return (T) runtime.decode(runId, "input", flow.descriptor.input(), inputJson);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T output(int task) {
    String name = flow.descriptor.task(task).name();
    String json = outputs.get(TaskKeys.key(claimed.runSeq(), task));
    if (json == null) {
      throw new NoOutputException(runId, name, "it had not succeeded when " + task() + " began");
    }
    return (T)
        runtime.decode(runId, "output of task " + name, flow.descriptor.task(task).output(), json);
  }

  @Override
  public <T> T element() {
    throw new IllegalStateException(task() + " is not an instance of a fan-out; it has no element");
  }

  @Override
  public TaskContext context() {
    return this;
  }

  @Override
  public <T extends Throwable> T exception() {
    throw new IllegalStateException(task() + " is not a fault handler; it has no exception");
  }

  @Override
  public <T> T result() {
    throw new IllegalStateException(task() + " is not an @OnSuccess callback; it has no result");
  }

  @Override
  public TaskError runError() {
    throw new IllegalStateException(task() + " is not an @OnFailure callback; it has no error");
  }

  @Override
  public RunId runId() {
    return runId;
  }

  @Override
  public String flow() {
    return flow.name();
  }

  @Override
  public String task() {
    return claimed.name();
  }

  @Override
  public int attempt() {
    return claimed.attempt();
  }

  @Override
  public String idempotencyKey() {
    return runId + "/" + task();
  }

  @Override
  public String worker() {
    return worker;
  }

  @Override
  public String toString() {
    return "task " + task() + " of run " + runId + " (attempt " + attempt() + ")";
  }
}
