package dev.hypha.runtime;

/**
 * What a task may know about the attempt that runs it. Declare a parameter of this type on a
 * {@code @Task} method to receive it.
 *
 * <p>A task caught RUNNING by a crash runs again after restart with the same {@link
 * #idempotencyKey()}: pass it to external systems so a repeated call has no second effect.
 */
public interface TaskContext {

  RunId runId();

  String flow();

  String task();

  /** 1 for the first attempt. */
  int attempt();

  /** Stable across every execution of this task in this run: {@code <run id>/<task name>}. */
  String idempotencyKey();

  /** The id of the worker executing the attempt. */
  String worker();
}
