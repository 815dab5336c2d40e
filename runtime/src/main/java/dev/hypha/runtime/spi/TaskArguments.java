package dev.hypha.runtime.spi;

import dev.hypha.runtime.TaskContext;
import dev.hypha.runtime.TaskError;
import java.util.Optional;

/**
 * What a task invocation may read: the run's input, the outputs of the tasks it depends on, and its
 * context. Each call decodes a fresh value, so tasks never share mutable objects.
 */
public interface TaskArguments extends TaskOutputs {

  /** The run's input, decoded to the flow's input type. */
  <T> T input();

  /**
   * For an instance of a task that fans out ({@code @ForEach}): its element of the list, decoded
   * afresh on each call.
   *
   * @throws IllegalStateException for any other invocation
   */
  default <T> T element() {
    throw new IllegalStateException(
        context().task() + " is not an instance of a fan-out or a loop; it has no element");
  }

  /**
   * For a task that waits for a signal ({@code @Signal}): the payload of the signal it took,
   * decoded afresh on each call; empty when its wait timed out and it takes an {@code Optional}.
   *
   * @throws IllegalStateException for a task that waits for no signal
   */
  default <T> Optional<T> signal() {
    throw new IllegalStateException(context().task() + " waits for no signal; it has no payload");
  }

  /** The context of this attempt: run id, task, attempt number and idempotency key. */
  TaskContext context();

  /**
   * For a fault handler: the exception the task failed with.
   *
   * @throws IllegalStateException for any other invocation
   */
  <T extends Throwable> T exception();

  /**
   * For an {@code @OnSuccess} callback: the run's result.
   *
   * @throws IllegalStateException for any other invocation
   */
  <T> T result();

  /**
   * For an {@code @OnFailure} callback: the run's first error.
   *
   * @throws IllegalStateException for any other invocation
   */
  TaskError runError();
}
