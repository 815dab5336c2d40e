package dev.hypha.processor.model;

import java.util.List;

/**
 * A task of a valid flow at its final position.
 *
 * @param task the task as read from the source
 * @param index its position in dependency order, its index in the generated code
 * @param arguments what each parameter receives, in parameter order
 */
public record PlannedTask(TaskModel task, int index, List<Binding> arguments) {
  public PlannedTask {
    arguments = List.copyOf(arguments);
  }

  public String name() {
    return task.name();
  }
}
