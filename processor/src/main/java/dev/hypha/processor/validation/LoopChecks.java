package dev.hypha.processor.validation;

import dev.hypha.processor.model.Binding;
import dev.hypha.processor.model.FlowModel;
import dev.hypha.processor.model.LoopPlan;
import dev.hypha.processor.model.ParameterModel;
import dev.hypha.processor.model.TaskModel;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import javax.lang.model.element.Element;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Checks each task's {@code @Loop} parameter and resolves it to the loop its task makes: one per
 * task, with a {@code max} of at least 1, on a method that returns {@code Step<S, R>} with {@code
 * S} the parameter's type, bound to a dependency's output as it is (not the input, the context, a
 * branch or a join, and not a dependency the task follows a branch of), on a task that neither fans
 * out nor waits for an instant. A method that returns a {@code Step} without a {@code @Loop}
 * parameter is reported too. A parameter that binds to nothing is {@link ParameterBinder}'s to
 * report; a loop that would have to join branches over its state, {@link JoinChecks}'; a parameter
 * that is {@code @Signal} as well, {@link SignalChecks}'; one of a task that starts a sub-flow,
 * {@link SubFlowChecks}'.
 */
final class LoopChecks {
  private LoopChecks() {}

  /**
   * How each task with a valid {@code @Loop} loops, by task method; a parameter that binds to
   * nothing has an error of its own already.
   */
  static Map<Element, LoopPlan> check(
      FlowModel flow, Map<TaskModel, List<Binding>> bindings, TypeRules rules, Report report) {
    Map<Element, LoopPlan> loops = new HashMap<>();
    for (TaskModel task : flow.tasks()) {
      ParameterModel first = null;
      List<ParameterModel> parameters = task.parameters();
      for (int i = 0; i < parameters.size(); i++) {
        ParameterModel parameter = parameters.get(i);
        if (!parameter.isLoop() || parameter.isSignal() || task.startsSubFlow()) {
          continue;
        }
        if (first != null) {
          report.error(
              Messages.duplicateLoop(parameter.name(), task.name(), first.name()),
              parameter.element(),
              parameter.loop());
          continue;
        }
        first = parameter;
        ParameterModel forEach = find(task, ParameterModel::isForEach);
        if (forEach
            != null) { // A task fans out or loops: its Step or its list is beside the point.
          report.error(
              Messages.loopWithForEach(parameter.name(), task.name(), forEach.name()),
              parameter.element(),
              parameter.loop());
          continue;
        }
        Binding binding = bindings.get(task).get(i);
        boolean valid = checkTask(task, parameter, rules, report);
        valid &= checkState(task, parameter, binding, bindings.get(task), report);
        if (valid) {
          Binding.State state = (Binding.State) binding;
          loops.put(task.method(), new LoopPlan(state.task(), state.type(), parameter.max()));
        }
      }
      if (!task.loops() && rules.isStep(task.returnType())) {
        List<? extends TypeMirror> arguments = rules.stepArguments(task.returnType());
        report.error(
            Messages.stepWithoutLoop(
                Describe.method(task.method()),
                Describe.type(task.returnType()),
                arguments.isEmpty() ? null : Describe.type(arguments.get(0))),
            task.method());
      }
    }
    return loops;
  }

  /**
   * Reports a {@code max} below 1, a wait on the same task, and a method that does not return
   * {@code Step<S, R>} for the parameter's {@code S}; whether there was none of them.
   */
  private static boolean checkTask(
      TaskModel task, ParameterModel parameter, TypeRules rules, Report report) {
    boolean valid = true;
    if (parameter.max() < 1) {
      report.error(
          Messages.loopMax(parameter.name(), task.name(), parameter.max()),
          parameter.element(),
          parameter.loop(),
          parameter.maxValue());
      valid = false;
    }
    ParameterModel waitUntil = find(task, ParameterModel::isWaitUntil);
    if (waitUntil != null) {
      report.error(
          Messages.loopWithWaitUntil(parameter.name(), task.name(), waitUntil.name()),
          parameter.element(),
          parameter.loop());
      valid = false;
    }
    return checkStep(task, parameter, rules, report) && valid;
  }

  /** Reports a method that does not return {@code Step<S, R>}; whether it does. */
  private static boolean checkStep(
      TaskModel task, ParameterModel parameter, TypeRules rules, Report report) {
    TypeMirror returned = task.returnType();
    List<? extends TypeMirror> arguments = rules.stepArguments(returned);
    if (!arguments.isEmpty() && rules.isSameBoxed(arguments.get(0), parameter.type())) {
      return true;
    }
    String result;
    if (!arguments.isEmpty()) {
      result = Describe.type(rules.valueBound(arguments.get(1)));
    } else if (rules.isStep(returned)) {
      result = "R";
    } else {
      result = Describe.type(rules.boxed(returned));
    }
    String state = Describe.type(rules.boxed(parameter.type()));
    report.error(
        Messages.loopNotStep(
            parameter.name(),
            Describe.type(parameter.type()),
            task.name(),
            state,
            Describe.method(task.method()),
            rules.isStep(returned) && arguments.isEmpty()
                ? "a raw Step"
                : returned.getKind() == TypeKind.VOID ? "void" : Describe.type(returned),
            "Step<" + state + ", " + result + ">"),
        parameter.element(),
        parameter.loop());
    return false;
  }

  /**
   * Reports a parameter that does not take a dependency's output as it is, or takes that of a
   * dependency another parameter takes a branch of; whether it takes a state to start from.
   */
  private static boolean checkState(
      TaskModel task,
      ParameterModel parameter,
      Binding binding,
      List<Binding> arguments,
      Report report) {
    if (binding == null) {
      return false; // Reported, by javac or by the binder.
    }
    if (!(binding instanceof Binding.State state)) {
      report.error(
          Messages.loopNotOutput(parameter.name(), task.name(), binding),
          parameter.element(),
          parameter.loop());
      return false;
    }
    for (int i = 0; i < arguments.size(); i++) {
      if (isBranchOf(arguments.get(i), state.task())) {
        report.error(
            Messages.loopOnBranch(
                parameter.name(),
                Describe.type(parameter.type()),
                task.name(),
                state.task(),
                task.parameters().get(i).name()),
            parameter.element(),
            parameter.loop());
        return false;
      }
    }
    return true;
  }

  /** Whether {@code binding} reads a branch of the output of {@code source}. */
  private static boolean isBranchOf(Binding binding, String source) {
    return (binding instanceof Binding.Present present && present.task().equals(source))
        || (binding instanceof Binding.Variant variant && variant.task().equals(source));
  }

  /** The first parameter of {@code task} that is {@code what}, or null. */
  private static ParameterModel find(TaskModel task, Predicate<ParameterModel> what) {
    return task.parameters().stream().filter(what).findFirst().orElse(null);
  }
}
