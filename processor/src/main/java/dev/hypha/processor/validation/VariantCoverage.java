package dev.hypha.processor.validation;

import dev.hypha.processor.graph.EdgeKind;
import dev.hypha.processor.model.TaskModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.type.TypeMirror;

/**
 * Checks that a decider's branches cover its sealed output: when a task takes one subtype of a
 * sealed output, every subtype a value can have must be taken by some task, unless a task takes the
 * output whole (a plain parameter or a join). A task that only waits for the decider handles no
 * subtype.
 */
final class VariantCoverage {
  private VariantCoverage() {}

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
    for (TaskModel decider : order) {
      if (!rules.isSealed(decider.output())) {
        continue;
      }
      List<TypeMirror> taken = new ArrayList<>();
      boolean whole = false;
      for (TaskModel dependent : order) {
        for (DependencyEdge edge : edges.get(dependent)) {
          if (edge.source() == decider) {
            whole |= edge.takesWhole() || unknown.contains(dependent);
            if (edge.kind() == EdgeKind.VARIANT) {
              taken.add(edge.type());
            }
          }
        }
      }
      if (whole || taken.isEmpty()) {
        continue;
      }
      List<String> missing =
          rules.leaves(decider.output()).stream()
              .filter(leaf -> taken.stream().noneMatch(type -> rules.isErasedSubtype(leaf, type)))
              .map(Describe::type)
              .toList();
      if (!missing.isEmpty()) {
        report.error(
            Messages.unhandledVariant(decider.name(), Describe.type(decider.output()), missing),
            decider.method());
      }
    }
  }
}
