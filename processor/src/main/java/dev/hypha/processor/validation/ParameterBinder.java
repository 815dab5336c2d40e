package dev.hypha.processor.validation;

import dev.hypha.processor.graph.NearestName;
import dev.hypha.processor.model.Binding;
import dev.hypha.processor.model.FlowModel;
import dev.hypha.processor.model.ParameterModel;
import dev.hypha.processor.model.TaskModel;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.type.TypeMirror;

/**
 * Decides what each task parameter receives. {@code @Input}: the run input. A {@code TaskContext}
 * parameter: the context. Otherwise the output of a dependency: the one {@code @From} names, else
 * the one whose task name equals the parameter name, else the single one whose output type is
 * assignable to the parameter, else the single one it reads as a branch or a join (see {@link
 * OutputMatch}). A {@code @ForEach} parameter binds by the same rules to one element of a
 * dependency's list (see {@link ElementBinder}); a {@code @Loop} parameter that binds plainly takes
 * the loop's state, whose first is that output. {@code void} tasks are never bound. Whether a
 * join's dependency may be absent at all is {@link BranchChecks}' to judge. A {@code @Signal}
 * parameter binds to no dependency: it takes a signal's payload, whatever else it is marked with
 * ({@link SignalChecks} reports that).
 */
final class ParameterBinder {
  private final FlowModel flow;
  private final TypeRules rules;
  private final Report report;
  private final OutputMatch match;
  private final ElementBinder elements;

  ParameterBinder(FlowModel flow, TypeRules rules, Report report) {
    this.flow = flow;
    this.rules = rules;
    this.report = report;
    this.match = new OutputMatch(rules);
    this.elements = new ElementBinder(flow, rules, report);
  }

  /** The bindings of every task, in parameter order; a parameter in error binds to nothing. */
  Map<TaskModel, List<Binding>> bindAll() {
    Map<TaskModel, List<Binding>> bindings = new IdentityHashMap<>();
    for (TaskModel task : flow.tasks()) {
      List<Binding> arguments = new ArrayList<>();
      for (ParameterModel parameter : task.parameters()) {
        arguments.add(bind(task, parameter));
      }
      bindings.put(task, arguments);
    }
    return bindings;
  }

  private Binding bind(TaskModel task, ParameterModel parameter) {
    if (parameter.isSignal()) {
      return signal(parameter);
    }
    if (parameter.isInput()) {
      if (parameter.hasFrom()) {
        report.error(
            Messages.inputWithFrom(parameter.name(), task.name()),
            parameter.element(),
            parameter.from());
      }
      return new Binding.Input();
    }
    if (parameter.context()) {
      return new Binding.Context();
    }
    if (parameter.hasFrom()) {
      return parameter.fromName() == null ? null : bindFrom(task, parameter);
    }
    return bindImplicitly(task, parameter);
  }

  /**
   * The payload of a signal: the {@code T} of a parameter {@code Optional<T>} (a wildcard's bound),
   * else the parameter's own type; boxed.
   */
  private Binding.Signal signal(ParameterModel parameter) {
    TypeMirror value = rules.optionalValue(parameter.type());
    return value != null
        ? new Binding.Signal(rules.boxed(rules.valueBound(value)), true)
        : new Binding.Signal(rules.boxed(parameter.type()), false);
  }

  private Binding bindFrom(TaskModel task, ParameterModel parameter) {
    String name = parameter.fromName();
    TaskModel source = flow.task(name);
    if (source == null) {
      Optional<String> suggestion = NearestName.find(name, task.dependencyNames());
      report.error(
          Messages.fromUnknownTask(
              name,
              flow.name(),
              suggestion.isPresent() ? suggestion : NearestName.find(name, flow.taskNames()),
              flow.taskNames()),
          parameter.element(),
          parameter.from(),
          parameter.fromValue());
    } else if (!task.dependencyNames().contains(name)) {
      report.error(
          Messages.fromNotDependency(name, task.name()),
          parameter.element(),
          parameter.from(),
          parameter.fromValue());
    } else if (source.isVoid()) {
      report.error(
          Messages.voidBinding(name), parameter.element(), parameter.from(), parameter.fromValue());
    } else if (parameter.isForEach()) {
      return elements.chosen(task, source, parameter);
    } else {
      return matching(task, source, parameter);
    }
    return null;
  }

  private Binding bindImplicitly(TaskModel task, ParameterModel parameter) {
    List<TaskModel> dependencies = dependencies(task, false);
    if (parameter.isForEach()) {
      return elements.implicitly(task, parameter, dependencies);
    }
    for (TaskModel dependency : dependencies) {
      if (dependency.name().equals(parameter.name())) {
        return matching(task, dependency, parameter);
      }
    }
    List<TaskModel> candidates = new ArrayList<>();
    List<Binding> matches = new ArrayList<>();
    for (TaskModel dependency : dependencies) {
      Binding plain = match.plain(dependency, parameter);
      if (plain != null) {
        candidates.add(dependency);
        matches.add(plain);
      }
    }
    if (candidates.isEmpty()) { // Only then a branch or a join: plain bindings stay as they were.
      for (TaskModel dependency : dependencies) {
        Binding branch = match.branch(dependency, parameter);
        if (branch != null) {
          candidates.add(dependency);
          matches.add(branch);
        }
      }
    }
    if (candidates.size() == 1) {
      return checked(task, parameter, matches.get(0));
    }
    String type = Describe.type(parameter.type());
    if (candidates.size() > 1) {
      report.error(
          Messages.ambiguousParameter(
              parameter.name(), type, task.name(), described(candidates), candidates.get(0).name()),
          parameter.element());
    } else if (task.dependencyNames().stream().allMatch(name -> flow.task(name) != null)) {
      // With a misspelt dependency, its unknown-dependency error says what to fix.
      List<String> described = described(dependencies(task, true));
      if (parameter.isLoop()) {
        report.error(
            Messages.loopNoOutput(parameter.name(), type, task.name(), described),
            parameter.element(),
            parameter.loop());
        return null;
      }
      Optional<TaskModel> list = // A task fans out over one list, and not when it loops.
          task.fansOut() || task.loops()
              ? Optional.empty()
              : dependencies.stream()
                  .filter(dependency -> match.element(dependency, parameter) != null)
                  .findFirst();
      report.error(
          list.isPresent()
              ? Messages.unboundParameterForEach(
                  parameter.name(), type, task.name(), described, list.get().name())
              : Messages.unboundParameter(parameter.name(), type, task.name(), described),
          parameter.element());
    }
    return null;
  }

  /**
   * How {@code parameter} reads {@code source}'s output; reports a type mismatch and returns null
   * when it cannot.
   */
  private Binding matching(TaskModel task, TaskModel source, ParameterModel parameter) {
    Binding binding = match.any(source, parameter);
    if (binding != null) {
      return checked(task, parameter, binding);
    }
    report.error(
        Messages.typeMismatch(
            parameter.name(),
            Describe.type(parameter.type()),
            task.name(),
            source.name(),
            Describe.type(source.output())),
        parameter.element());
    return null;
  }

  /**
   * {@code binding}, after checking that the generated class can name the type a branch or join
   * binding reads the output as; for a {@code @Loop} parameter that takes an output as it is, the
   * loop's state, read as the parameter's type, which the generated class must name as well.
   */
  private Binding checked(TaskModel task, ParameterModel parameter, Binding binding) {
    if (parameter.isLoop() && binding instanceof Binding.Output output) {
      TypeMirror state = rules.boxed(parameter.type());
      AccessChecks.checkReadAs(flow, task, parameter, state, report);
      return new Binding.State(output.task(), state);
    }
    if (binding instanceof Binding.Variant variant) {
      AccessChecks.checkReadAs(flow, task, parameter, variant.type(), report);
    } else if (binding instanceof Binding.OptionalOutput optional) {
      AccessChecks.checkReadAs(flow, task, parameter, optional.type(), report);
    }
    return binding;
  }

  /** The known tasks listed in {@code task}'s {@code @DependsOn}, each once. */
  private List<TaskModel> dependencies(TaskModel task, boolean withVoid) {
    Set<TaskModel> dependencies = new LinkedHashSet<>();
    for (String name : task.dependencyNames()) {
      TaskModel dependency = flow.task(name);
      if (dependency != null && (withVoid || !dependency.isVoid())) {
        dependencies.add(dependency);
      }
    }
    return List.copyOf(dependencies);
  }

  private static List<String> described(List<TaskModel> tasks) {
    return tasks.stream().map(Describe::output).toList();
  }
}
