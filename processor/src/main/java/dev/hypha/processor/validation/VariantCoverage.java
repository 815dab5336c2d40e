package dev.hypha.processor.validation;

import dev.hypha.processor.graph.EdgeKind;
import dev.hypha.processor.model.Binding;
import dev.hypha.processor.model.TaskModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.type.TypeMirror;

/**
 * Checks that the tasks that take subtypes of a sealed type cover it, for the two ways a task can
 * take one subtype:
 *
 * <ul>
 *   <li>a decider's branches: when a task takes one subtype of a sealed output, every subtype a
 *       value can have must be taken by some task, unless a task takes the output whole (a plain
 *       parameter or a join); a task that only waits for the decider handles no subtype;
 *   <li>a list's routes: when a {@code @ForEach} task takes the elements of one subtype of a list's
 *       sealed element type, every subtype an element can have must be taken by some
 *       {@code @ForEach} task over that list, unless one of them takes every element.
 * </ul>
 */
final class VariantCoverage {
  private final List<TaskModel> order;
  private final Map<TaskModel, List<DependencyEdge>> edges;
  private final Set<TaskModel> unknown;
  private final TypeRules rules;

  private VariantCoverage(
      List<TaskModel> order,
      Map<TaskModel, List<DependencyEdge>> edges,
      Set<TaskModel> unknown,
      TypeRules rules) {
    this.order = order;
    this.edges = edges;
    this.unknown = unknown;
    this.rules = rules;
  }

  /**
   * @param order the tasks in dependency order
   * @param edges the edges into each task
   * @param unknown the tasks in error (a parameter, or subtypes no guard stands for), which may
   *     have meant to take any subtype
   */
  static void check(
      List<TaskModel> order,
      Map<TaskModel, List<DependencyEdge>> edges,
      Set<TaskModel> unknown,
      TypeRules rules,
      Report report) {
    VariantCoverage coverage = new VariantCoverage(order, edges, unknown, rules);
    for (TaskModel source : order) {
      TypeMirror output = source.output();
      TypeMirror element = rules.listElement(output);
      if (rules.isSealed(output)) {
        List<String> missing = coverage.missing(output, coverage.branches(source));
        if (!missing.isEmpty()) {
          report.error(
              Messages.unhandledVariant(source.name(), Describe.type(output), missing),
              source.method());
        }
      } else if (element != null && rules.isSealed(element)) {
        List<String> missing = coverage.missing(element, coverage.routes(source));
        if (!missing.isEmpty()) {
          report.error(
              Messages.unroutedElement(
                  source.name(), Describe.type(output), Describe.type(element), missing),
              source.method());
        }
      }
    }
  }

  /** The subtypes {@code decider}'s branches take; null when a task takes its output whole. */
  private List<TypeMirror> branches(TaskModel decider) {
    List<TypeMirror> taken = new ArrayList<>();
    for (TaskModel dependent : order) {
      for (DependencyEdge edge : edgesFrom(decider, dependent)) {
        if (edge.takesWhole() || unknown.contains(dependent)) {
          return null;
        }
        if (edge.kind() == EdgeKind.VARIANT) {
          taken.add(edge.type());
        }
      }
    }
    return taken;
  }

  /**
   * The erased subtypes that {@code @ForEach} tasks over {@code list}'s output route; null when one
   * takes every element, or a task in error that fans out might have.
   */
  private List<TypeMirror> routes(TaskModel list) {
    List<TypeMirror> taken = new ArrayList<>();
    for (TaskModel dependent : order) {
      for (DependencyEdge edge : edgesFrom(list, dependent)) {
        if (unknown.contains(dependent) && dependent.fansOut()) {
          return null;
        }
        for (DependencyEdge.Read read : edge.reads()) {
          if (read.binding() instanceof Binding.Element element) {
            if (element.route() == null) {
              return null;
            }
            taken.add(rules.erasure(element.route()));
          }
        }
      }
    }
    return taken;
  }

  private List<DependencyEdge> edgesFrom(TaskModel source, TaskModel dependent) {
    return edges.get(dependent).stream().filter(edge -> edge.source() == source).toList();
  }

  /**
   * The classes a value of the sealed {@code type} can have that none of {@code taken} is a
   * supertype of, as messages show them; none when {@code taken} is null (the type is taken whole)
   * or empty (no task takes a subtype, so no task is meant to cover it).
   */
  private List<String> missing(TypeMirror type, List<TypeMirror> taken) {
    if (taken == null || taken.isEmpty()) {
      return List.of();
    }
    return rules.leaves(type).stream()
        .filter(leaf -> taken.stream().noneMatch(subtype -> rules.isErasedSubtype(leaf, subtype)))
        .map(Describe::type)
        .toList();
  }
}
