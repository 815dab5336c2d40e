package dev.hypha.runtime.spi;

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
}
