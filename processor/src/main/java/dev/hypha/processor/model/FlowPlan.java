package dev.hypha.processor.model;

import java.util.List;
import java.util.Optional;
import javax.lang.model.type.TypeMirror;

/**
 * Everything the writers need to generate a flow, derived from a {@link FlowModel} that passed
 * validation. Only validation creates plans, so the writers never see an invalid flow.
 *
 * @param flow the flow as read from the source
 * @param tasks the tasks in dependency order (ties in source order)
 * @param input the type of the flow's {@code @Input} parameters (a primitive only when every one of
 *     them is that primitive); empty when no task takes the input
 * @param sinks the tasks nothing depends on that have an output, in task order: the result
 * @param shapeHash the graph's shape hash
 * @param mermaid the graph as a Mermaid flowchart
 */
public record FlowPlan(
    FlowModel flow,
    List<PlannedTask> tasks,
    Optional<TypeMirror> input,
    List<PlannedTask> sinks,
    String shapeHash,
    String mermaid) {

  public FlowPlan {
    tasks = List.copyOf(tasks);
    sinks = List.copyOf(sinks);
  }

  /** The task named {@code name}. */
  public PlannedTask task(String name) {
    for (PlannedTask task : tasks) {
      if (task.name().equals(name)) {
        return task;
      }
    }
    throw new IllegalArgumentException("flow " + flow.name() + " has no task " + name);
  }
}
