package dev.hypha.runtime.spi;

import dev.hypha.runtime.TaskContext;

/**
 * What a task invocation may read: the run's input, the outputs of the tasks it depends on, and its
 * context. Each call decodes a fresh value, so tasks never share mutable objects.
 */
public interface TaskArguments extends TaskOutputs {

  /** The run's input, decoded to the flow's input type. */
  <T> T input();

  /** The context of this attempt: run id, task, attempt number and idempotency key. */
  TaskContext context();
}
