package dev.hypha.processor.validation;

import dev.hypha.processor.graph.EdgeKind;
import dev.hypha.processor.model.TaskModel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whether one task runs only after another has. A task runs only after the tasks on its edges that
 * are not joins, and those tasks' own; and a task that may be absent runs whenever the tasks its
 * plain edges need have run and its guards pass. So a task that takes {@code Approved} from {@code
 * decide} runs only after one that also takes {@code Approved}, or a supertype of it, from there.
 *
 * <p>Asked about a task once the edges into it and into every task before it are known.
 */
final class RunsAfter {
  private final Map<TaskModel, List<DependencyEdge>> edges;
  private final Set<TaskModel> absent;
  private final Set<TaskModel> unknown;
  private final TypeRules rules;

  /**
   * @param absent the tasks that may be absent
   * @param unknown the tasks with a parameter in error, which count as having run
   */
  RunsAfter(
      Map<TaskModel, List<DependencyEdge>> edges,
      Set<TaskModel> absent,
      Set<TaskModel> unknown,
      TypeRules rules) {
    this.edges = edges;
    this.absent = absent;
    this.unknown = unknown;
    this.rules = rules;
  }

  /**
   * Whether {@code target} has run whenever {@code task} runs, not counting {@code task}'s edge
   * {@code except}.
   */
  boolean check(TaskModel task, TaskModel target, DependencyEdge except) {
    Set<TaskModel> ran = Collections.newSetFromMap(new IdentityHashMap<>());
    addRan(task, except, ran);
    List<DependencyEdge> passed = new ArrayList<>();
    for (TaskModel done : ran) {
      for (DependencyEdge edge : edges.get(done)) {
        if (edge != except
            && (edge.kind() == EdgeKind.PRESENT || edge.kind() == EdgeKind.VARIANT)) {
          passed.add(edge);
        }
      }
    }
    return hasRun(target, ran, passed, new IdentityHashMap<>());
  }

  private void addRan(TaskModel task, DependencyEdge except, Set<TaskModel> ran) {
    if (ran.add(task)) {
      for (DependencyEdge edge : edges.get(task)) {
        if (edge != except && !edge.isOptional()) {
          addRan(edge.source(), null, ran);
        }
      }
    }
  }

  /** Whether {@code target} has run, given that the tasks {@code ran} have and {@code passed}. */
  private boolean hasRun(
      TaskModel target,
      Set<TaskModel> ran,
      List<DependencyEdge> passed,
      Map<TaskModel, Boolean> known) {
    if (ran.contains(target) || !absent.contains(target) || unknown.contains(target)) {
      return true;
    }
    Boolean answer = known.get(target);
    if (answer == null) {
      answer = true;
      for (DependencyEdge way : edges.get(target)) {
        if (way.kind() == null) {
          answer &= hasRun(way.source(), ran, passed, known);
        } else if (way.kind() != EdgeKind.OPTIONAL) {
          answer &= passed.stream().anyMatch(guard -> implies(guard, way));
        }
      }
      known.put(target, answer);
    }
    return answer;
  }

  /** Whether every output that passes {@code guard} passes {@code way}, a guard too. */
  private boolean implies(DependencyEdge guard, DependencyEdge way) {
    return guard.source() == way.source()
        && guard.kind() == way.kind()
        && (way.kind() == EdgeKind.PRESENT || rules.isAssignable(guard.type(), way.type()));
  }
}
