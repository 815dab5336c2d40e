package dev.hypha.processor.validation;

import dev.hypha.processor.model.FlowModel;
import dev.hypha.processor.model.ParameterModel;
import dev.hypha.processor.model.TaskModel;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.type.DeclaredType;

/**
 * Checks each {@code @Task} method on its own: modifiers, name, queue, raw types; and name clashes.
 */
final class TaskChecks {
  /** A letter, then letters, digits, underscores and dashes. */
  static final Pattern TASK_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");

  private TaskChecks() {}

  static void check(FlowModel flow, TypeRules rules, Report report) {
    Map<String, TaskModel> byName = new HashMap<>();
    for (TaskModel task : flow.tasks()) {
      checkMethod(task, report);
      checkName(task, report);
      if (task.queue().isBlank()) {
        report.error(
            Messages.blankQueue(task.name()), task.method(), task.annotation(), task.queueValue());
      }
      TaskModel first = byName.putIfAbsent(task.name(), task);
      if (first != null) {
        report.error(
            Messages.duplicateTaskName(task.name(), flow.name(), Describe.method(first.method())),
            task.method(),
            task.annotation(),
            task.nameValue());
      }
      checkRawOutput(task, rules, report);
    }
    checkRawInputs(flow, rules, report);
  }

  private static void checkMethod(TaskModel task, Report report) {
    ExecutableElement method = task.method();
    String name = Describe.method(method);
    if (!method.getModifiers().contains(Modifier.PUBLIC)) {
      report.error(Messages.taskNotPublic(name), method);
    }
    if (method.getModifiers().contains(Modifier.STATIC)) {
      report.error(Messages.taskStatic(name), method);
    }
    if (!method.getTypeParameters().isEmpty()) {
      report.error(Messages.taskGeneric(name), method);
    }
  }

  private static void checkName(TaskModel task, Report report) {
    if (TASK_NAME.matcher(task.name()).matches()) {
      return;
    }
    if (task.nameValue() != null) {
      report.error(
          Messages.invalidTaskName(task.name()),
          task.method(),
          task.annotation(),
          task.nameValue());
    } else {
      report.error(
          Messages.invalidDefaultTaskName(Describe.method(task.method()), task.name()),
          task.method(),
          task.annotation());
    }
  }

  /**
   * A raw {@code Step} is reported by {@link LoopChecks}, which tells the {@code Step} to return; a
   * raw {@code SubFlow} by {@link SubFlowChecks}, which tells the {@code SubFlow} to return.
   */
  private static void checkRawOutput(TaskModel task, TypeRules rules, Report report) {
    DeclaredType raw = rules.rawPart(task.output());
    if (raw != null && !rules.isStep(task.output()) && !rules.isSubFlow(task.output())) {
      report.error(
          Messages.rawType("the output of task \"" + task.name() + "\"", Describe.type(raw)),
          task.method());
    }
  }

  private static void checkRawInputs(FlowModel flow, TypeRules rules, Report report) {
    for (InputUse use : InputUse.of(flow)) {
      ParameterModel parameter = use.parameter();
      DeclaredType raw = rules.rawPart(parameter.type());
      if (raw != null) {
        report.error(
            Messages.rawType(
                "@Input parameter \"" + parameter.name() + "\" of " + use.owner(),
                Describe.type(raw)),
            parameter.element());
      }
    }
  }
}
