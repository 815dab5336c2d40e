package dev.hypha.processor.validation;

import dev.hypha.processor.model.Binding;
import dev.hypha.processor.model.FlowModel;
import dev.hypha.processor.model.ParameterModel;
import dev.hypha.processor.model.TaskModel;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Element;
import javax.lang.model.type.TypeMirror;

/**
 * Checks each task's {@code @WaitUntil} parameter, and resolves it to the dependency whose output
 * is the instant to wait for: one per task, of type {@code java.time.Instant}, taking a
 * dependency's output as it is (not the input, the context, a branch or a join). A parameter that
 * is {@code @ForEach}, {@code @Loop} or {@code @Signal} as well is {@link ForEachChecks}', {@link
 * LoopChecks}' or {@link SignalChecks}' to report.
 */
final class WaitUntilChecks {
  static final String INSTANT = "java.time.Instant";

  private WaitUntilChecks() {}

  /**
   * The dependency each task with a valid {@code @WaitUntil} waits for, by task method; a parameter
   * that binds to nothing has an error of its own already.
   */
  static Map<Element, String> check(
      FlowModel flow, Map<TaskModel, List<Binding>> bindings, TypeRules rules, Report report) {
    TypeMirror instant = rules.named(INSTANT);
    Map<Element, String> waits = new HashMap<>();
    for (TaskModel task : flow.tasks()) {
      ParameterModel first = null;
      List<ParameterModel> parameters = task.parameters();
      for (int i = 0; i < parameters.size(); i++) {
        ParameterModel parameter = parameters.get(i);
        if (!parameter.isWaitUntil()
            || parameter.isForEach()
            || parameter.isLoop()
            || parameter.isSignal()) {
          continue;
        }
        if (first != null) {
          report.error(
              Messages.duplicateWaitUntil(parameter.name(), task.name(), first.name()),
              parameter.element(),
              parameter.waitUntil());
          continue;
        }
        first = parameter;
        String source = source(task, parameter, bindings.get(task).get(i), instant, rules, report);
        if (source != null) {
          waits.put(task.method(), source);
        }
      }
    }
    return waits;
  }

  /** The task {@code parameter} waits for, or null after reporting why it cannot wait. */
  private static String source(
      TaskModel task,
      ParameterModel parameter,
      Binding binding,
      TypeMirror instant,
      TypeRules rules,
      Report report) {
    if (instant == null || !rules.isSameBoxed(parameter.type(), instant)) {
      report.error(
          Messages.waitUntilNotInstant(
              parameter.name(), Describe.type(parameter.type()), task.name()),
          parameter.element(),
          parameter.waitUntil());
    } else if (binding instanceof Binding.Output output) {
      return output.task();
    } else if (binding != null) {
      report.error(
          Messages.waitUntilNotOutput(parameter.name(), task.name(), binding),
          parameter.element(),
          parameter.waitUntil());
    }
    return null;
  }
}
