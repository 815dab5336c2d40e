package dev.hypha.processor.validation;

import dev.hypha.processor.model.FlowModel;
import dev.hypha.processor.model.ParameterModel;
import dev.hypha.processor.model.TaskModel;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;

/**
 * Checks each task whose method returns {@code dev.hypha.runtime.SubFlow<R>}, which starts a run of
 * another flow as its child and whose output is the child's result {@code R}: {@code R} is a type,
 * not a wildcard (a raw {@code SubFlow} is {@code raw-type}), with no {@code SubFlow} inside it,
 * and the task runs once, from its dependencies' outputs: it neither fans out nor loops nor waits
 * for a signal. {@link ForEachChecks}, {@link LoopChecks} and {@link SignalChecks} leave the
 * parameters of such a task to this class. A method that returns a {@code SubFlow} inside another
 * type ({@code Optional<SubFlow<R>>}, {@code Step<S, SubFlow<R>>}) is reported too, as that {@code
 * SubFlow} would start nothing.
 */
final class SubFlowChecks {
  private SubFlowChecks() {}

  static void check(FlowModel flow, TypeRules rules, Report report) {
    for (TaskModel task : flow.tasks()) {
      if (task.startsSubFlow()) {
        checkType(task, rules, report);
        checkParameters(task, report);
      } else {
        checkNested(task, task.returnType(), rules, report);
      }
    }
  }

  /** Reports a raw {@code SubFlow}, a wildcard for its result, and a {@code SubFlow} inside it. */
  private static void checkType(TaskModel task, TypeRules rules, Report report) {
    TypeMirror returned = task.returnType();
    TypeMirror result = rules.subFlowArgument(returned);
    String method = Describe.method(task.method());
    if (result == null) {
      report.error(Messages.rawSubFlow(method), task.method());
      return;
    }
    if (result.getKind() == TypeKind.WILDCARD) {
      WildcardType wildcard = (WildcardType) result;
      TypeMirror bound =
          wildcard.getExtendsBound() != null
              ? wildcard.getExtendsBound()
              : wildcard.getSuperBound();
      report.error(
          Messages.subFlowType(
              method, Describe.type(returned), bound == null ? "R" : Describe.type(bound)),
          task.method());
    }
    checkNested(task, returned, rules, report);
  }

  private static void checkNested(
      TaskModel task, TypeMirror returned, TypeRules rules, Report report) {
    DeclaredType nested = rules.nestedSubFlow(returned);
    if (nested != null) {
      report.error(
          Messages.subFlowNested(
              Describe.method(task.method()), Describe.type(returned), Describe.type(nested)),
          task.method());
    }
  }

  /**
   * Reports each {@code @ForEach}, {@code @Loop} and {@code @Signal} of the task's parameters, on
   * the annotation: one error per annotation, so a parameter with two gets two.
   */
  private static void checkParameters(TaskModel task, Report report) {
    String returned = Describe.type(task.returnType());
    for (ParameterModel parameter : task.parameters()) {
      if (parameter.isForEach()) {
        report.error(
            Messages.subFlowWithForEach(parameter.name(), task.name(), returned),
            parameter.element(),
            parameter.forEach());
      }
      if (parameter.isLoop()) {
        report.error(
            Messages.subFlowWithLoop(parameter.name(), task.name(), returned),
            parameter.element(),
            parameter.loop());
      }
      if (parameter.isSignal()) {
        report.error(
            Messages.subFlowWithSignal(parameter.name(), task.name(), returned),
            parameter.element(),
            parameter.signal().annotation());
      }
    }
  }
}
