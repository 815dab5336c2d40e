package dev.hypha.processor.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The dependency graph of one flow, tasks indexed in source order. Edges to unknown names are
 * dropped and a repeated name keeps its first task: both are reported by validation, and the
 * algorithms here still work on what is left.
 *
 * <p>Immutable.
 */
public final class TaskGraph {
  private final List<GraphTask> tasks;
  private final Map<String, Integer> indexByName = new HashMap<>();
  private final int[][] dependencies;

  private TaskGraph(List<GraphTask> tasks) {
    this.tasks = List.copyOf(tasks);
    for (int i = 0; i < this.tasks.size(); i++) {
      indexByName.putIfAbsent(this.tasks.get(i).name(), i);
    }
    this.dependencies = new int[this.tasks.size()][];
    for (int i = 0; i < this.tasks.size(); i++) {
      List<Integer> known = new ArrayList<>();
      for (String dependency : this.tasks.get(i).dependsOn()) {
        Integer index = indexByName.get(dependency);
        if (index != null && !known.contains(index)) {
          known.add(index);
        }
      }
      dependencies[i] = known.stream().mapToInt(Integer::intValue).toArray();
    }
  }

  /** A graph of {@code tasks}, given in source order. */
  public static TaskGraph of(List<GraphTask> tasks) {
    return new TaskGraph(tasks);
  }

  /** The number of tasks. */
  public int size() {
    return tasks.size();
  }

  /** The task at source position {@code index}. */
  public GraphTask task(int index) {
    return tasks.get(index);
  }

  /** The tasks in source order. */
  public List<GraphTask> tasks() {
    return tasks;
  }

  /** The source position of the first task named {@code name}, or -1. */
  public int indexOf(String name) {
    return indexByName.getOrDefault(name, -1);
  }

  /** Source positions of the known tasks that task {@code index} depends on; do not modify. */
  int[] dependencies(int index) {
    return dependencies[index];
  }

  /** For every task, the source positions of the tasks that depend on it. */
  int[][] dependents() {
    List<List<Integer>> dependents = new ArrayList<>();
    for (int i = 0; i < size(); i++) {
      dependents.add(new ArrayList<>());
    }
    for (int i = 0; i < size(); i++) {
      for (int dependency : dependencies[i]) {
        dependents.get(dependency).add(i);
      }
    }
    return dependents.stream()
        .map(list -> list.stream().mapToInt(Integer::intValue).toArray())
        .toArray(int[][]::new);
  }
}
