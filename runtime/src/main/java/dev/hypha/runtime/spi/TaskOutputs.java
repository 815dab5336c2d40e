package dev.hypha.runtime.spi;

import dev.hypha.runtime.NoOutputException;
import java.util.Optional;

/**
 * The recorded outputs of a run's tasks, decoded on demand. Generated code reads them by task
 * index, the position of the task in {@link FlowDescriptor#tasks()}.
 */
public interface TaskOutputs {

  /**
   * The output of the task at {@code taskIndex}, decoded to that task's output type; {@code null}
   * for a {@code void} task.
   *
   * @throws dev.hypha.runtime.NoOutputException if that task has not succeeded in the run
   */
  <T> T output(int taskIndex);

  /**
   * The output of the task at {@code taskIndex}, or empty when it has none: a task a join takes
   * optionally, which was not taken. A {@code null} output is empty too.
   */
  default <T> Optional<T> optionalOutput(int taskIndex) {
    try {
      return Optional.ofNullable(output(taskIndex));
    } catch (NoOutputException absent) {
      return Optional.empty();
    }
  }
}
