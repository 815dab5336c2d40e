package dev.hypha.processor.validation;

import dev.hypha.processor.graph.EdgeKind;
import dev.hypha.processor.model.Binding;
import dev.hypha.processor.model.ParameterModel;
import dev.hypha.processor.model.TaskModel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.type.TypeMirror;

/**
 * Checks that each task can run on some branch. A task runs under conditions: which subtype a
 * decider (a task with a sealed output) must return, for its own branch on each decider (the guard
 * of that edge) and each condition a task on its plain edges runs under; a join's optional edges
 * bring none. Two conditions on one decider whose types are disjoint cannot both hold: the task
 * joins branches with a parameter that is not {@code Optional}, or with the list it fans out over
 * or the state its loop starts from, which cannot be {@code Optional}. A join whose arm runs under
 * a condition that excludes one of its task's is never present. Two subtypes one task takes itself
 * are {@link VariantGuard}'s to check.
 *
 * <p>Fed the tasks in dependency order. Not thread-safe.
 */
final class JoinChecks {
  private final TypeRules rules;
  private final Report report;
  private final Map<TaskModel, List<Condition>> conditions = new IdentityHashMap<>();

  JoinChecks(TypeRules rules, Report report) {
    this.rules = rules;
    this.report = report;
  }

  /**
   * Checks {@code task}, whose edges are {@code into}; a task with a parameter in error ({@code
   * unknown}) is not checked and brings no conditions further.
   */
  void check(TaskModel task, List<DependencyEdge> into, boolean unknown) {
    if (unknown) {
      conditions.put(task, List.of());
      return;
    }
    List<Reach> reaches = new ArrayList<>();
    for (DependencyEdge edge : into) {
      if (edge.kind() == EdgeKind.VARIANT) {
        reaches.add(new Reach(new Condition(edge.source(), edge.type()), null));
      }
      if (!edge.isOptional()) {
        for (Condition inherited : conditions.getOrDefault(edge.source(), List.of())) {
          reaches.add(new Reach(inherited, edge));
        }
      }
    }
    Set<DependencyEdge> reported = Collections.newSetFromMap(new IdentityHashMap<>());
    for (int i = 0; i < reaches.size(); i++) {
      for (int j = i + 1; j < reaches.size(); j++) {
        Reach a = reaches.get(i);
        Reach b = reaches.get(j);
        // Two conditions through one edge met, and were reported, at a task before this one.
        if (a.via() != b.via() && a.condition().conflictsWith(b.condition(), rules)) {
          reportJoin(task, a, b, reported);
          reportJoin(task, b, a, reported);
        }
      }
    }
    for (DependencyEdge edge : into) {
      if (edge.isOptional()) {
        checkPresent(task, edge, reaches);
      }
    }
    conditions.put(task, distinct(reaches));
  }

  /** Reports a join whose arm runs only under a condition that excludes one of its task's. */
  private void checkPresent(TaskModel task, DependencyEdge join, List<Reach> reaches) {
    for (Condition arm : conditions.getOrDefault(join.source(), List.of())) {
      for (Reach reach : reaches) {
        if (arm.conflictsWith(reach.condition(), rules)) {
          ParameterModel parameter = join.reads().get(0).parameter();
          report.error(
              Messages.optionalNeverPresent(
                  parameter.name(),
                  Describe.type(parameter.type()),
                  task.name(),
                  join.source().name(),
                  arm.decider().name(),
                  Describe.type(arm.type()),
                  Describe.type(reach.condition().type()),
                  reach.via() == null ? null : reach.via().source().name()),
              parameter.element());
          return;
        }
      }
    }
  }

  /** Reports the edge {@code arm} came through, once, unless {@code arm} is the task's own. */
  private void reportJoin(TaskModel task, Reach arm, Reach other, Set<DependencyEdge> reported) {
    DependencyEdge edge = arm.via();
    if (edge == null || !reported.add(edge)) {
      return;
    }
    String decider = arm.condition().decider().name();
    String needed = Describe.type(arm.condition().type());
    String otherNeeded = Describe.type(other.condition().type());
    for (DependencyEdge.Read read : edge.reads()) {
      ParameterModel parameter = read.parameter();
      if (read.binding() instanceof Binding.Element) { // A fan-out cannot join over its list.
        report.error(
            Messages.forEachOnBranchJoin(
                parameter.name(),
                Describe.type(parameter.type()),
                task.name(),
                edge.source().name(),
                decider,
                needed,
                otherNeeded),
            parameter.element(),
            parameter.forEach());
        return;
      }
      if (read.binding() instanceof Binding.State) { // Nor a loop over its state.
        report.error(
            Messages.loopOnBranchJoin(
                parameter.name(),
                Describe.type(parameter.type()),
                task.name(),
                edge.source().name(),
                decider,
                needed,
                otherNeeded),
            parameter.element(),
            parameter.loop());
        return;
      }
    }
    if (!edge.reads().isEmpty()) {
      ParameterModel parameter = edge.reads().get(0).parameter();
      report.error(
          Messages.joinNotOptional(
              parameter.name(),
              Describe.type(parameter.type()),
              task.name(),
              edge.source().name(),
              decider,
              needed,
              otherNeeded,
              Describe.type(rules.optionalOf(parameter.type()))),
          parameter.element());
      return;
    }
    TaskModel source = edge.source();
    report.error(
        Messages.joinNotOptionalOrdering(
            task.name(),
            source.name(),
            decider,
            needed,
            otherNeeded,
            source.isVoid() ? null : Describe.type(rules.optionalOf(source.output()))),
        task.method(),
        task.dependsOnAnnotation(),
        edge.ref().value());
  }

  private List<Condition> distinct(List<Reach> reaches) {
    List<Condition> distinct = new ArrayList<>();
    for (Reach reach : reaches) {
      Condition condition = reach.condition();
      if (distinct.stream().noneMatch(known -> known.isSame(condition, rules))) {
        distinct.add(condition);
      }
    }
    return List.copyOf(distinct);
  }

  /** A task runs only when {@code decider} returns a {@code type} (erased). */
  private record Condition(TaskModel decider, TypeMirror type) {
    boolean conflictsWith(Condition other, TypeRules rules) {
      return decider == other.decider && rules.isDisjoint(type, other.type, decider.output());
    }

    boolean isSame(Condition other, TypeRules rules) {
      return decider == other.decider && rules.isSameBoxed(type, other.type);
    }
  }

  /**
   * How a condition reaches a task: through the edge {@code via} from a task that runs under it, or
   * as the guard of its own edge from the decider when {@code via} is null.
   */
  private record Reach(Condition condition, DependencyEdge via) {}
}
