package dev.hypha.processor.validation;

import dev.hypha.processor.model.Binding;
import dev.hypha.processor.model.FlowModel;
import dev.hypha.processor.model.ParameterModel;
import dev.hypha.processor.model.TaskModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.type.TypeMirror;

/**
 * Decides which list a {@code @ForEach} parameter fans out over, by the rules of {@link
 * ParameterBinder} with the list's element type in place of the whole output: the dependency
 * {@code @From} names, else the one whose task name equals the parameter name, else the single one
 * whose output is a {@code java.util.List} of something assignable to the parameter, else the
 * single one whose list's sealed element type has the parameter's type as a subtype (a route; a
 * plain fit always wins, as for branches). Reports a list that a dependency returns only on a
 * branch (inside an {@code Optional}), and a parameter that no list fits, on its {@code @ForEach};
 * when a list's element type is a supertype that is not sealed, the message says that routing needs
 * one.
 */
final class ElementBinder {
  private final FlowModel flow;
  private final TypeRules rules;
  private final Report report;
  private final OutputMatch match;

  ElementBinder(FlowModel flow, TypeRules rules, Report report) {
    this.flow = flow;
    this.rules = rules;
    this.report = report;
    this.match = new OutputMatch(rules);
  }

  /**
   * The elements of {@code source}'s list, for {@code parameter} bound to it by {@code @From} or by
   * name; null after reporting that they do not fit.
   */
  Binding chosen(TaskModel task, TaskModel source, ParameterModel parameter) {
    Binding.Element element = match.element(source, parameter);
    if (element != null) {
      return element;
    }
    TypeMirror unsealed = match.unsealedElement(source, parameter);
    if (match.elementOnBranch(source, parameter)) {
      reportOnBranch(task, source, parameter);
    } else if (unsealed != null) {
      report.error(
          Messages.forEachNotListOfUnsealed(
              parameter.name(),
              Describe.type(parameter.type()),
              task.name(),
              source.name(),
              Describe.type(source.output()),
              Describe.type(unsealed)),
          parameter.element(),
          parameter.forEach());
    } else {
      report.error(
          Messages.forEachNotListOf(
              parameter.name(),
              Describe.type(parameter.type()),
              task.name(),
              source.name(),
              Describe.type(source.output()),
              elementOf(parameter)),
          parameter.element(),
          parameter.forEach());
    }
    return null;
  }

  /**
   * The elements of the list {@code parameter} fans out over, found among {@code dependencies} (the
   * task's known dependencies that have an output) by name or by type; null after reporting why
   * there is none.
   */
  Binding implicitly(TaskModel task, ParameterModel parameter, List<TaskModel> dependencies) {
    for (TaskModel dependency : dependencies) {
      if (dependency.name().equals(parameter.name())) {
        return chosen(task, dependency, parameter);
      }
    }
    List<Binding.Element> matches = new ArrayList<>();
    for (TaskModel dependency : dependencies) {
      Binding.Element element = match.element(dependency, parameter);
      if (element != null) {
        matches.add(element);
      }
    }
    if (matches.stream().anyMatch(element -> element.route() == null)) {
      matches.removeIf(element -> element.route() != null); // A plain fit wins over a route.
    }
    if (matches.size() == 1) {
      return matches.get(0);
    }
    String type = Describe.type(parameter.type());
    if (matches.size() > 1) {
      report.error(
          Messages.ambiguousParameter(
              parameter.name(),
              type,
              task.name(),
              matches.stream().map(element -> Describe.output(flow.task(element.task()))).toList(),
              matches.get(0).task()),
          parameter.element());
      return null;
    }
    for (TaskModel dependency : dependencies) {
      if (match.elementOnBranch(dependency, parameter)) {
        reportOnBranch(task, dependency, parameter);
        return null;
      }
    }
    if (task.dependencyNames().stream().allMatch(name -> flow.task(name) != null)) {
      // With a misspelt dependency, its unknown-dependency error says what to fix.
      Optional<TaskModel> unsealed =
          dependencies.stream()
              .filter(dependency -> match.unsealedElement(dependency, parameter) != null)
              .findFirst();
      report.error(
          unsealed.isPresent()
              ? Messages.forEachNotListUnsealed(
                  parameter.name(),
                  type,
                  task.name(),
                  described(task),
                  elementOf(parameter),
                  unsealed.get().name(),
                  Describe.type(match.unsealedElement(unsealed.get(), parameter)))
              : Messages.forEachNotList(
                  parameter.name(), type, task.name(), described(task), elementOf(parameter)),
          parameter.element(),
          parameter.forEach());
    }
    return null;
  }

  private void reportOnBranch(TaskModel task, TaskModel source, ParameterModel parameter) {
    report.error(
        Messages.forEachOnBranch(
            parameter.name(),
            Describe.type(parameter.type()),
            task.name(),
            source.name(),
            Describe.type(source.output()),
            Describe.type(rules.valueBound(rules.optionalValue(source.output())))),
        parameter.element(),
        parameter.forEach());
  }

  /** The parameter's type, boxed: what the elements of a list that fits it would be. */
  private String elementOf(ParameterModel parameter) {
    return Describe.type(rules.boxed(parameter.type()));
  }

  /** Every dependency of {@code task}, void ones included, each once, as messages show them. */
  private List<String> described(TaskModel task) {
    return task.dependencyNames().stream()
        .distinct()
        .map(flow::task)
        .map(Describe::output)
        .toList();
  }
}
