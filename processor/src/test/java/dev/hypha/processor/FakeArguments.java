package dev.hypha.processor;

import dev.hypha.runtime.RunId;
import dev.hypha.runtime.TaskContext;
import dev.hypha.runtime.TaskError;
import dev.hypha.runtime.spi.TaskArguments;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Hand-made task arguments: a fixed input, outputs by task index, a fixed context, for an instance
 * of a task that fans out its element, for a task that waits for a signal its payload (or none),
 * and for handlers the exception, run result or run error they are called with.
 */
final class FakeArguments implements TaskArguments {
  static final RunId RUN = RunId.of("0192f1c4-8b3a-7e21-9c40-5d2f6a7b8c9d");

  private final Object input;
  private final Map<Integer, Object> outputs = new HashMap<>();
  private boolean hasElement;
  private Object element;
  private Optional<Object> signal;
  private Throwable exception;
  private Object result;
  private TaskError runError;

  private FakeArguments(Object input) {
    this.input = input;
  }

  static FakeArguments input(Object input) {
    return new FakeArguments(input);
  }

  static FakeArguments none() {
    return new FakeArguments(null);
  }

  /** Records {@code value} as the output of the task at {@code index}. */
  FakeArguments output(int index, Object value) {
    outputs.put(index, value);
    return this;
  }

  /** Sets the element of the list that an instance of a task that fans out is called with. */
  FakeArguments element(Object element) {
    this.element = element;
    this.hasElement = true;
    return this;
  }

  /** Sets the payload of the signal a task that waits for one took. */
  FakeArguments signal(Object payload) {
    this.signal = Optional.of(payload);
    return this;
  }

  /** Makes the wait of a task that waits for a signal one that timed out: its payload is empty. */
  FakeArguments signalTimedOut() {
    this.signal = Optional.empty();
    return this;
  }

  /** Sets the exception a fault handler is called with. */
  FakeArguments exception(Throwable exception) {
    this.exception = exception;
    return this;
  }

  /** Sets the run result an {@code @OnSuccess} callback is called with. */
  FakeArguments result(Object result) {
    this.result = result;
    return this;
  }

  /** Sets the run error an {@code @OnFailure} callback is called with. */
  FakeArguments runError(TaskError runError) {
    this.runError = runError;
    return this;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T input() {
    return (T) input;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T output(int taskIndex) {
    if (!outputs.containsKey(taskIndex)) {
      throw new IllegalStateException("task " + taskIndex + " has not succeeded");
    }
    return (T) outputs.get(taskIndex);
  }

  /** Empty for a task without a recorded output, as for one a branch skipped. */
  @Override
  @SuppressWarnings("unchecked")
  public <T> Optional<T> optionalOutput(int taskIndex) {
    return Optional.ofNullable((T) outputs.get(taskIndex));
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T element() {
    if (!hasElement) {
      throw new IllegalStateException("not an invocation of an instance of a fan-out or a loop");
    }
    return (T) element;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> Optional<T> signal() {
    if (signal == null) {
      throw new IllegalStateException("not an invocation of a task that waits for a signal");
    }
    return (Optional<T>) signal;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T extends Throwable> T exception() {
    if (exception == null) {
      throw new IllegalStateException("not a fault handler's invocation");
    }
    return (T) exception;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T result() {
    return (T) result;
  }

  @Override
  public TaskError runError() {
    if (runError == null) {
      throw new IllegalStateException("not an @OnFailure invocation");
    }
    return runError;
  }

  /** A context whose task is {@code "ctx-task"} and whose idempotency key names the run. */
  @Override
  public TaskContext context() {
    return (TaskContext)
        Proxy.newProxyInstance(
            TaskContext.class.getClassLoader(),
            new Class<?>[] {TaskContext.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "runId" -> RUN;
                  case "flow" -> "fake-flow";
                  case "task" -> "ctx-task";
                  case "attempt" -> 1;
                  case "idempotencyKey" -> RUN + "/ctx-task";
                  case "worker" -> "test-worker";
                  default -> throw new UnsupportedOperationException(method.getName());
                });
  }
}
