package dev.hypha.processor.model;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.lang.model.type.TypeMirror;

/**
 * Everything the writers need to generate a flow, derived from a {@link FlowModel} that passed
 * validation. Only validation creates plans, so the writers never see an invalid flow.
 *
 * @param flow the flow as read from the source
 * @param tasks the tasks in dependency order (ties in source order)
 * @param handlers the handlers in source order, indexed after the tasks
 * @param input the type of the flow's {@code @Input} parameters (a primitive only when every one of
 *     them is that primitive); empty when no task or handler takes the input
 * @param sinks the tasks nothing depends on that have an output, in task order: the result
 * @param shapeHash the graph's shape hash
 * @param mermaid the graph as a Mermaid flowchart
 * @param deadline the longest a run may take, if limited
 * @param defaultRetry the flow's own {@code @Retry}, which tasks without theirs get
 */
public record FlowPlan(
    FlowModel flow,
    List<PlannedTask> tasks,
    List<PlannedHandler> handlers,
    Optional<TypeMirror> input,
    List<PlannedTask> sinks,
    String shapeHash,
    String mermaid,
    Optional<Duration> deadline,
    Optional<RetryPlan> defaultRetry) {

  public FlowPlan {
    tasks = List.copyOf(tasks);
    handlers = List.copyOf(handlers);
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
