package dev.hypha.processor.validation;

import dev.hypha.processor.model.BranchEdge;
import dev.hypha.processor.model.TaskModel;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The branches of a flow whose graph is valid: each task's edges that are not plain, and the tasks
 * a run may skip as not taken. A task may be absent when it takes a branch, or depends on a task
 * that may be absent other than through a join.
 *
 * @param branches the edges that are not plain, by task, in {@code @DependsOn} order
 * @param absent the tasks that may be absent
 */
record Branching(Map<TaskModel, List<BranchEdge>> branches, Set<TaskModel> absent) {
  /** A flow without branches, or one whose graph has errors. */
  static final Branching NONE = new Branching(Map.of(), Set.of());

  Branching {
    Map<TaskModel, List<BranchEdge>> copy = new IdentityHashMap<>();
    branches.forEach((task, edges) -> copy.put(task, List.copyOf(edges)));
    branches = Collections.unmodifiableMap(copy);
    Set<TaskModel> identity = Collections.newSetFromMap(new IdentityHashMap<>());
    identity.addAll(absent);
    absent = Collections.unmodifiableSet(identity);
  }

  /** The edges of {@code task} that are not plain. */
  List<BranchEdge> of(TaskModel task) {
    return branches.getOrDefault(task, List.of());
  }

  /** Whether a run may skip {@code task} as not taken. */
  boolean mayBeAbsent(TaskModel task) {
    return absent.contains(task);
  }
}
