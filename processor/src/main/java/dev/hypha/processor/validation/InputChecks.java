package dev.hypha.processor.validation;

import dev.hypha.processor.model.FlowModel;
import dev.hypha.processor.model.ParameterModel;
import dev.hypha.processor.model.TaskModel;
import java.util.Optional;
import javax.lang.model.type.TypeMirror;

/** Checks that every {@code @Input} parameter of a flow has one type, which is the flow's input. */
final class InputChecks {
  private InputChecks() {}

  /**
   * The flow's input type: the {@code @Input} type, boxed unless every {@code @Input} parameter is
   * the same primitive; empty when no task takes the input.
   */
  static Optional<TypeMirror> check(FlowModel flow, TypeRules rules, Report report) {
    ParameterModel first = null;
    TaskModel firstTask = null;
    boolean allPrimitive = true;
    for (TaskModel task : flow.tasks()) {
      for (ParameterModel parameter : task.parameters()) {
        if (!parameter.isInput()) {
          continue;
        }
        allPrimitive &= parameter.type().getKind().isPrimitive();
        if (first == null) {
          first = parameter;
          firstTask = task;
        } else if (!rules.isSameBoxed(first.type(), parameter.type())) {
          report.error(
              Messages.inputTypeConflict(
                  parameter.name(),
                  task.name(),
                  Describe.type(parameter.type()),
                  firstTask.name(),
                  Describe.type(first.type())),
              parameter.element(),
              parameter.input());
        }
      }
    }
    if (first == null) {
      return Optional.empty();
    }
    return Optional.of(allPrimitive ? first.type() : rules.boxed(first.type()));
  }
}
