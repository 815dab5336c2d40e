package dev.hypha.processor.validation;

import dev.hypha.processor.model.Binding;
import dev.hypha.processor.model.FanOut;
import dev.hypha.processor.model.FlowModel;
import dev.hypha.processor.model.ParameterModel;
import dev.hypha.processor.model.TaskModel;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Element;

/**
 * Checks each task's {@code @ForEach} parameter and resolves it to the fan-out its task makes: one
 * per task, with a concurrency that is not negative, not also {@code @WaitUntil}, and bound to the
 * elements of a dependency's list (not the input or the context). Which list is {@link
 * ElementBinder}'s to find, and to report when none fits.
 */
final class ForEachChecks {
  private ForEachChecks() {}

  /**
   * How each task with a valid {@code @ForEach} fans out, by task method; a parameter that binds to
   * nothing has an error of its own already.
   */
  static Map<Element, FanOut> check(
      FlowModel flow, Map<TaskModel, List<Binding>> bindings, Report report) {
    Map<Element, FanOut> fanOuts = new HashMap<>();
    for (TaskModel task : flow.tasks()) {
      ParameterModel first = null;
      List<ParameterModel> parameters = task.parameters();
      for (int i = 0; i < parameters.size(); i++) {
        ParameterModel parameter = parameters.get(i);
        if (!parameter.isForEach()) {
          continue;
        }
        if (first != null) {
          report.error(
              Messages.duplicateForEach(parameter.name(), task.name(), first.name()),
              parameter.element(),
              parameter.forEach());
          continue;
        }
        first = parameter;
        boolean valid = checkAnnotations(task, parameter, report);
        Binding binding = bindings.get(task).get(i);
        if (binding instanceof Binding.Element element) {
          if (valid) {
            fanOuts.put(
                task.method(), new FanOut(element.task(), element.type(), parameter.concurrency()));
          }
        } else if (binding != null) {
          report.error(
              Messages.forEachNotListRole(parameter.name(), task.name(), binding),
              parameter.element(),
              parameter.forEach());
        }
      }
    }
    return fanOuts;
  }

  /** Reports a negative concurrency and {@code @WaitUntil} alongside; whether there was neither. */
  private static boolean checkAnnotations(TaskModel task, ParameterModel parameter, Report report) {
    boolean valid = true;
    if (parameter.concurrency() < 0) {
      report.error(
          Messages.forEachConcurrency(parameter.name(), task.name(), parameter.concurrency()),
          parameter.element(),
          parameter.forEach(),
          parameter.concurrencyValue());
      valid = false;
    }
    if (parameter.isWaitUntil()) {
      report.error(
          Messages.forEachWaitUntil(parameter.name(), task.name()),
          parameter.element(),
          parameter.forEach());
      valid = false;
    }
    return valid;
  }
}
