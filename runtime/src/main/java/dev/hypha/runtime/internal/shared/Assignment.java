package dev.hypha.runtime.internal.shared;

import dev.hypha.runtime.NoOutputException;
import dev.hypha.runtime.RunId;
import dev.hypha.runtime.TaskContext;
import dev.hypha.runtime.TaskError;
import dev.hypha.runtime.internal.store.SharedTx;
import dev.hypha.runtime.internal.store.TaskKeys;
import dev.hypha.runtime.spi.SignalWait;
import dev.hypha.runtime.spi.TaskArguments;
import java.util.Map;
import java.util.Optional;

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

  /** Whether its run is the child of a task (a sub-flow), whose task collects the run's end. */
  final boolean childRun;

  private final String inputJson;
  private final Map<Long, String> outputs;
  private final SharedRuntime runtime;
  private final String worker;

  /** For an instance of a fan-out: its element's JSON; otherwise null. */
  private final String elementJson;

  /**
   * What a task's row holds besides its dependencies' outputs: the payload of the signal it took
   * (null if its wait timed out), or the id of the child run it started; null for other tasks.
   */
  private final String rowInput;

  Assignment(
      SharedRuntime runtime,
      SharedFlow flow,
      SharedTx.Claimed claimed,
      String token,
      String worker,
      RunId runId,
      boolean childRun,
      String inputJson,
      Map<Long, String> outputs,
      String elementJson,
      String rowInput) {
    this.runtime = runtime;
    this.flow = flow;
    this.claimed = claimed;
    this.token = token;
    this.worker = worker;
    this.runId = runId;
    this.childRun = childRun;
    this.inputJson = inputJson;
    this.outputs = outputs;
    this.elementJson = elementJson;
    this.rowInput = rowInput;
  }

  String rowInput() {
    return rowInput;
  }

  /** The row's index in its run: a task's, or an instance's of a fan-out. */
  int index() {
    return claimed.index();
  }

  /** The task the row runs: the task itself, or the one of which it is an instance. */
  int taskIndex() {
    return flow.taskOf(claimed.index());
  }

  boolean isInstance() {
    return SharedFlow.isInstance(claimed.index());
  }

  /** The stored output of dependency {@code task} as JSON, or null if it has none. */
  String outputJson(int task) {
    return outputs.get(TaskKeys.key(claimed.runSeq(), task));
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
  @SuppressWarnings("unchecked")
  public <T> T element() {
    if (elementJson == null) {
      throw new IllegalStateException(
          task() + " is not an instance of a fan-out; it has no element");
    }
    return (T)
        runtime.decode(
            runId,
            "element of " + task(),
            flow.descriptor.task(taskIndex()).element(),
            elementJson);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> Optional<T> signal() {
    SignalWait<?> wait = isInstance() ? null : flow.signalWait(index());
    if (wait == null) {
      throw new IllegalStateException(task() + " waits for no signal; it has no payload");
    }
    if (rowInput == null) {
      return Optional.empty();
    }
    return Optional.of(
        (T) runtime.decode(runId, "payload of signal " + wait.name(), wait.payload(), rowInput));
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
