package dev.hypha.processor.validation;

import dev.hypha.processor.graph.NearestName;
import dev.hypha.processor.model.FlowModel;
import dev.hypha.processor.model.TaskModel;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;

/**
 * Finds the task an annotation names ({@code @DependsOn}, {@code @Compensates}, {@code @OnFault});
 * an unknown name is reported on the value that names it, with the nearest task name suggested.
 */
final class TaskLookup {
  private TaskLookup() {}

  /** The message for a name that is no task of the flow. */
  @FunctionalInterface
  interface UnknownTask {
    String message(String name, String flow, Optional<String> suggestion, List<String> tasks);
  }

  /** The task named {@code name}, or null after reporting it on {@code value}. */
  static TaskModel find(
      FlowModel flow,
      String name,
      UnknownTask unknown,
      Report report,
      Element element,
      AnnotationMirror annotation,
      AnnotationValue value) {
    TaskModel task = flow.task(name);
    if (task == null) {
      List<String> names = flow.taskNames();
      report.error(
          unknown.message(name, flow.name(), NearestName.find(name, names), names),
          element,
          annotation,
          value);
    }
    return task;
  }
}
