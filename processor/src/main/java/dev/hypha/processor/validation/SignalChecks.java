package dev.hypha.processor.validation;

import dev.hypha.processor.model.Binding;
import dev.hypha.processor.model.FlowModel;
import dev.hypha.processor.model.FlowNames;
import dev.hypha.processor.model.ParameterModel;
import dev.hypha.processor.model.SignalModel;
import dev.hypha.processor.model.SignalPlan;
import dev.hypha.processor.model.TaskModel;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;

/**
 * Checks each task's {@code @Signal} parameter and resolves it to the signal its task waits for:
 * one per task, the only annotation of its parameter that says what it takes (not also
 * {@code @Input}, {@code @From}, {@code @ForEach}, {@code @Loop} or {@code @WaitUntil}), on a task
 * that neither fans out nor loops nor waits for a time, with a valid name, a positive timeout
 * (which an {@code Optional} parameter needs to be empty ever), a condition {@link
 * SignalConditions} accepts, and a payload type that is not raw and that the generated class can
 * name. Across the flow, one name has one payload type, and two names never make one generated
 * method. Tasks are checked in source order, so a conflict is reported on the later task. A task
 * that starts a sub-flow waits for no signal: its {@code @Signal} is {@link SubFlowChecks}' to
 * report.
 *
 * <p>Not thread-safe.
 */
final class SignalChecks {
  /** A letter, then letters, digits, underscores and dashes. */
  static final Pattern SIGNAL_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");

  private final FlowModel flow;
  private final TypeRules rules;
  private final Report report;
  private final Map<String, Waiter> byName = new HashMap<>();
  private final Map<String, Waiter> byMethod = new HashMap<>();

  private SignalChecks(FlowModel flow, TypeRules rules, Report report) {
    this.flow = flow;
    this.rules = rules;
    this.report = report;
  }

  /** The signal each task with a valid {@code @Signal} parameter waits for, by task method. */
  static Map<Element, SignalPlan> check(
      FlowModel flow, Map<TaskModel, List<Binding>> bindings, TypeRules rules, Report report) {
    SignalChecks checks = new SignalChecks(flow, rules, report);
    Map<Element, SignalPlan> signals = new HashMap<>();
    for (TaskModel task : flow.tasks()) {
      if (task.startsSubFlow()) {
        continue;
      }
      checks.check(task, bindings.get(task)).ifPresent(plan -> signals.put(task.method(), plan));
    }
    return signals;
  }

  private Optional<SignalPlan> check(TaskModel task, List<Binding> arguments) {
    ParameterModel first = null;
    Optional<SignalPlan> plan = Optional.empty();
    List<ParameterModel> parameters = task.parameters();
    for (int i = 0; i < parameters.size(); i++) {
      ParameterModel parameter = parameters.get(i);
      if (!parameter.isSignal()) {
        continue;
      }
      if (first != null) {
        report.error(
            Messages.duplicateSignal(parameter.name(), task.name(), first.name()),
            parameter.element(),
            parameter.signal().annotation());
        continue;
      }
      first = parameter;
      plan = plan(task, parameter, (Binding.Signal) arguments.get(i));
    }
    return plan;
  }

  /** The signal {@code parameter} waits for, or empty after reporting why it cannot. */
  private Optional<SignalPlan> plan(
      TaskModel task, ParameterModel parameter, Binding.Signal binding) {
    SignalModel signal = parameter.signal();
    boolean valid = checkConflicts(task, parameter);
    valid &= checkTask(task, parameter);
    valid &= checkName(task, parameter, binding.payload());
    Optional<Duration> timeout = Optional.empty();
    if (signal.timeout() != null) {
      timeout = Durations.check(signal.timeout(), report);
      valid &= timeout.isPresent();
    } else if (binding.optional()) {
      report.error(
          Messages.signalOptionalWithoutTimeout(
              parameter.name(),
              Describe.type(parameter.type()),
              task.name(),
              Describe.type(binding.payload())),
          parameter.element(),
          signal.annotation());
      valid = false;
    }
    valid &= SignalConditions.check(flow, task, parameter, binding.payload(), rules, report);
    valid &= checkPayload(task, parameter, binding.payload());
    if (!valid) {
      return Optional.empty();
    }
    return Optional.of(
        new SignalPlan(
            signal.name(),
            binding.payload(),
            timeout,
            binding.optional(),
            signal.when().isEmpty() ? Optional.empty() : Optional.of(signal.when())));
  }

  /**
   * Reports each annotation beside {@code @Signal} on the parameter that would make it take
   * something else; whether there was none.
   */
  private boolean checkConflicts(TaskModel task, ParameterModel parameter) {
    boolean valid = conflict(task, parameter, parameter.input(), "@Input", "the run's @Input");
    valid &= conflict(task, parameter, parameter.from(), "@From", "a dependency's output");
    valid &= conflict(task, parameter, parameter.forEach(), "@ForEach", "an element of a list");
    valid &= conflict(task, parameter, parameter.loop(), "@Loop", "the state of a loop");
    return conflict(
            task, parameter, parameter.waitUntil(), "@WaitUntil", "an instant to wait until")
        && valid;
  }

  private boolean conflict(
      TaskModel task,
      ParameterModel parameter,
      AnnotationMirror other,
      String annotation,
      String takes) {
    if (other == null) {
      return true;
    }
    report.error(
        Messages.signalConflict(parameter.name(), task.name(), annotation, takes),
        parameter.element(),
        other);
    return false;
  }

  /**
   * Reports another parameter that makes the task fan out, loop or wait until an instant, and a
   * {@code @Delay}; whether there was none.
   */
  private boolean checkTask(TaskModel task, ParameterModel parameter) {
    AnnotationMirror signal = parameter.signal().annotation();
    boolean valid = true;
    ParameterModel forEach = other(task, parameter, ParameterModel::isForEach);
    if (forEach != null) {
      report.error(
          Messages.signalWithForEach(parameter.name(), task.name(), forEach.name()),
          parameter.element(),
          signal);
      valid = false;
    }
    ParameterModel loop = other(task, parameter, ParameterModel::isLoop);
    if (loop != null) {
      report.error(
          Messages.signalWithLoop(parameter.name(), task.name(), loop.name()),
          parameter.element(),
          signal);
      valid = false;
    }
    ParameterModel waitUntil = other(task, parameter, ParameterModel::isWaitUntil);
    if (task.delay() != null || waitUntil != null) {
      String other =
          task.delay() != null
              ? "its @Delay"
              : "@WaitUntil on parameter \"" + waitUntil.name() + "\"";
      report.error(
          Messages.signalWithDelay(parameter.name(), task.name(), other),
          parameter.element(),
          signal);
      valid = false;
    }
    return valid;
  }

  /**
   * Reports a name that is not valid, that another task waits for with another payload type, or
   * that makes the same generated method as another name; whether it did none of these.
   */
  private boolean checkName(TaskModel task, ParameterModel parameter, TypeMirror payload) {
    SignalModel signal = parameter.signal();
    String name = signal.name();
    if (!SIGNAL_NAME.matcher(name).matches()) {
      report.error(
          Messages.signalName(name, parameter.name(), task.name()),
          parameter.element(),
          signal.annotation(),
          signal.nameValue());
      return false;
    }
    Waiter earlier = byName.putIfAbsent(name, new Waiter(task, name, payload));
    if (earlier != null && !rules.isSameBoxed(earlier.payload(), payload)) {
      report.error(
          Messages.signalTypeConflict(
              parameter.name(),
              task.name(),
              name,
              Describe.type(payload),
              earlier.task().name(),
              Describe.type(earlier.payload())),
          parameter.element(),
          signal.annotation());
      return false;
    }
    String method = FlowNames.signalMethod(name);
    Waiter clash = byMethod.putIfAbsent(method, new Waiter(task, name, payload));
    if (clash != null && !clash.name().equals(name)) {
      report.error(
          Messages.signalNameClash(
              name, parameter.name(), task.name(), method, clash.name(), clash.task().name()),
          parameter.element(),
          signal.annotation(),
          signal.nameValue());
      return false;
    }
    return true;
  }

  /**
   * Reports a raw type in the parameter's type, and a payload type the generated class cannot name
   * (its descriptor, {@code invoke} and the method that sends the signal all do); whether there was
   * neither.
   */
  private boolean checkPayload(TaskModel task, ParameterModel parameter, TypeMirror payload) {
    DeclaredType raw = rules.rawPart(parameter.type());
    if (raw != null) {
      report.error(
          Messages.rawType(
              "@Signal parameter \"" + parameter.name() + "\" of task \"" + task.name() + "\"",
              Describe.type(raw)),
          parameter.element());
      return false;
    }
    int before = report.errorCount();
    AccessChecks.checkReadAs(flow, task, parameter, payload, report);
    return report.errorCount() == before;
  }

  /** The first parameter of {@code task} other than {@code parameter} that is {@code what}. */
  private static ParameterModel other(
      TaskModel task, ParameterModel parameter, Predicate<ParameterModel> what) {
    return task.parameters().stream()
        .filter(other -> other != parameter && what.test(other))
        .findFirst()
        .orElse(null);
  }

  /** The first task to wait for the signal {@code name}, with its payload type. */
  private record Waiter(TaskModel task, String name, TypeMirror payload) {}
}
