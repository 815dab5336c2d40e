package dev.hypha.processor.validation;

import dev.hypha.processor.model.Binding;
import dev.hypha.processor.model.FanOut;
import dev.hypha.processor.model.FlowModel;
import dev.hypha.processor.model.ParameterModel;
import dev.hypha.processor.model.TaskModel;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;

/**
 * Checks each task's {@code @ForEach} parameter and resolves it to the fan-out its task makes: one
 * per task, with a concurrency that is not negative, not also {@code @WaitUntil}, and bound to the
 * elements of a dependency's list (not the input or the context), or to those of one subtype whose
 * class a route can test. Which list is {@link ElementBinder}'s to find, and to report when none
 * fits; whether routes leave elements out is {@link VariantCoverage}'s to check. A parameter that
 * is {@code @Signal} as well is {@link SignalChecks}' to report; one of a task that starts a
 * sub-flow, {@link SubFlowChecks}'.
 */
final class ForEachChecks {
  private ForEachChecks() {}

  /**
   * How each task with a valid {@code @ForEach} fans out, by task method; a parameter that binds to
   * nothing has an error of its own already.
   */
  static Map<Element, FanOut> check(
      FlowModel flow, Map<TaskModel, List<Binding>> bindings, TypeRules rules, Report report) {
    Map<Element, FanOut> fanOuts = new HashMap<>();
    for (TaskModel task : flow.tasks()) {
      if (task.startsSubFlow()) {
        continue;
      }
      ParameterModel first = null;
      List<ParameterModel> parameters = task.parameters();
      for (int i = 0; i < parameters.size(); i++) {
        ParameterModel parameter = parameters.get(i);
        if (!parameter.isForEach() || parameter.isSignal()) {
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
          valid &= checkRoute(flow, task, parameter, element, rules, report);
          if (valid) {
            fanOuts.put(
                task.method(),
                new FanOut(
                    element.task(),
                    element.type(),
                    parameter.concurrency(),
                    Optional.ofNullable(element.route()).map(rules::erasure)));
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

  /**
   * Reports a route to a generic subtype whose type arguments its class does not tell, as a route
   * tests the class only; whether the element's binding is one that a route can test.
   */
  private static boolean checkRoute(
      FlowModel flow,
      TaskModel task,
      ParameterModel parameter,
      Binding.Element element,
      TypeRules rules,
      Report report) {
    if (element.route() == null
        || rules.isTestedByClass(element.type(), (DeclaredType) element.route())) {
      return true;
    }
    TypeElement type = (TypeElement) ((DeclaredType) element.route()).asElement();
    report.error(
        Messages.forEachRouteGeneric(
            parameter.name(),
            Describe.type(parameter.type()),
            task.name(),
            element.task(),
            Describe.type(flow.task(element.task()).output()),
            Describe.type(type),
            Describe.type(type)
                + Collections.nCopies(type.getTypeParameters().size(), "?").stream()
                    .collect(Collectors.joining(", ", "<", ">")),
            Describe.type(element.type())),
        parameter.element(),
        parameter.forEach());
    return false;
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
