package dev.hypha.processor.validation;

import dev.hypha.processor.graph.Cycles;
import dev.hypha.processor.graph.GraphTask;
import dev.hypha.processor.graph.TaskGraph;
import dev.hypha.processor.model.FlowModel;
import dev.hypha.processor.model.TaskModel;
import dev.hypha.processor.model.TaskModel.DependencyRef;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.AnnotationValue;

/** Checks {@code @DependsOn}: every name known and listed once, and no cycle. */
final class DependencyChecks {
  private DependencyChecks() {}

  static void check(FlowModel flow, Report report) {
    for (TaskModel task : flow.tasks()) {
      Set<String> listed = new HashSet<>();
      for (DependencyRef dependency : task.dependsOn()) {
        if (!listed.add(dependency.name())) {
          report.error(
              Messages.duplicateDependency(task.name(), dependency.name()),
              task.method(),
              task.dependsOnAnnotation(),
              dependency.value());
        } else {
          TaskLookup.find(
              flow,
              dependency.name(),
              Messages::unknownDependency,
              report,
              task.method(),
              task.dependsOnAnnotation(),
              dependency.value());
        }
      }
    }
    checkCycles(flow, report);
  }

  /** Reports each cycle once, on the {@code @DependsOn} entry of its first task that starts it. */
  private static void checkCycles(FlowModel flow, Report report) {
    List<GraphTask> tasks =
        flow.tasks().stream().map(task -> GraphTask.of(task.name(), names(task))).toList();
    for (List<String> cycle : Cycles.find(TaskGraph.of(tasks))) {
      TaskModel start = flow.task(cycle.get(0));
      AnnotationValue edge =
          start.dependsOn().stream()
              .filter(dependency -> dependency.name().equals(cycle.get(1)))
              .map(DependencyRef::value)
              .findFirst()
              .orElse(null);
      report.error(
          Messages.dependencyCycle(cycle), start.method(), start.dependsOnAnnotation(), edge);
    }
  }

  private static String[] names(TaskModel task) {
    return task.dependencyNames().toArray(String[]::new);
  }
}
