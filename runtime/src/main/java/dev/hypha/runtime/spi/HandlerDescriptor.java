package dev.hypha.runtime.spi;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A method of the flow class that is not a task but that the runtime calls on some occasion: a
 * task's compensation, a task's fault handler, or a callback when a run succeeds or fails. Its
 * index for {@link FlowDefinition#invoke} is the number of tasks plus its position in {@link
 * FlowDescriptor#handlers()}. Immutable and thread-safe.
 */
public final class HandlerDescriptor {

  /** When the runtime calls the handler. */
  public enum Kind {
    /** When a run fails (or is cancelled, if the flow asks), for a task that succeeded. */
    COMPENSATION,
    /** When a task fails for good with one of {@link #exceptions()}. */
    FAULT,
    /** Once when a run succeeds. */
    ON_SUCCESS,
    /** Once when a run fails. */
    ON_FAILURE
  }

  private final Kind kind;
  private final String method;
  private final String task;
  private final List<Class<? extends Throwable>> exceptions;
  private final RetryPolicy retry;

  private HandlerDescriptor(
      Kind kind,
      String method,
      String task,
      List<Class<? extends Throwable>> exceptions,
      RetryPolicy retry) {
    this.kind = kind;
    this.method = TaskDescriptor.requireText(method, "handler method");
    this.task = task;
    this.exceptions = List.copyOf(exceptions);
    this.retry = Objects.requireNonNull(retry, "retry");
  }

  /** {@code method} undoes {@code task}; it is retried per {@code retry}. */
  public static HandlerDescriptor compensation(String task, String method, RetryPolicy retry) {
    return new HandlerDescriptor(
        Kind.COMPENSATION, method, TaskDescriptor.requireText(task, "task"), List.of(), retry);
  }

  /** {@code method} handles {@code exceptions} of {@code task}. */
  public static HandlerDescriptor fault(
      String task, String method, List<Class<? extends Throwable>> exceptions) {
    if (exceptions.isEmpty()) {
      throw new IllegalArgumentException("a fault handler handles at least one exception type");
    }
    return new HandlerDescriptor(
        Kind.FAULT, method, TaskDescriptor.requireText(task, "task"), exceptions, RetryPolicy.NONE);
  }

  /** {@code method} is called once when a run succeeds. */
  public static HandlerDescriptor onSuccess(String method) {
    return new HandlerDescriptor(Kind.ON_SUCCESS, method, null, List.of(), RetryPolicy.NONE);
  }

  /** {@code method} is called once when a run fails. */
  public static HandlerDescriptor onFailure(String method) {
    return new HandlerDescriptor(Kind.ON_FAILURE, method, null, List.of(), RetryPolicy.NONE);
  }

  public Kind kind() {
    return kind;
  }

  /** The Java method's name. */
  public String method() {
    return method;
  }

  /** The task a compensation or fault handler is for. */
  public Optional<String> task() {
    return Optional.ofNullable(task);
  }

  /** The exception types a fault handler handles. */
  public List<Class<? extends Throwable>> exceptions() {
    return exceptions;
  }

  /** Whether this fault handler handles {@code error}. */
  public boolean handles(Throwable error) {
    return exceptions.stream().anyMatch(type -> type.isInstance(error));
  }

  /** A compensation's retry policy; {@link RetryPolicy#NONE} for the other kinds. */
  public RetryPolicy retry() {
    return retry;
  }

  /** The per-attempt time limit; handlers have none. */
  public Optional<Duration> timeout() {
    return Optional.empty();
  }

  @Override
  public String toString() {
    return kind + "[" + method + (task == null ? "" : " for " + task) + "]";
  }
}
