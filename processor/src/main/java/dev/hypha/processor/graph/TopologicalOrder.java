package dev.hypha.processor.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Orders tasks so that each comes after every task it depends on; among tasks that are ready at the
 * same time, the one declared first in the source comes first. The order is the task index of the
 * generated descriptor.
 */
public final class TopologicalOrder {
  private TopologicalOrder() {}

  /**
   * Source positions of {@code graph}'s tasks in dependency order.
   *
   * @throws IllegalArgumentException if the graph has a cycle; validation reports those first
   */
  public static List<Integer> of(TaskGraph graph) {
    int size = graph.size();
    int[] waitingFor = new int[size];
    for (int i = 0; i < size; i++) {
      waitingFor[i] = graph.dependencies(i).length;
    }
    int[][] dependents = graph.dependents();
    PriorityQueue<Integer> ready = new PriorityQueue<>();
    for (int i = 0; i < size; i++) {
      if (waitingFor[i] == 0) {
        ready.add(i);
      }
    }
    List<Integer> order = new ArrayList<>(size);
    while (!ready.isEmpty()) {
      int next = ready.remove();
      order.add(next);
      for (int dependent : dependents[next]) {
        if (--waitingFor[dependent] == 0) {
          ready.add(dependent);
        }
      }
    }
    if (order.size() != size) {
      throw new IllegalArgumentException("the graph has a cycle: " + Cycles.find(graph));
    }
    return List.copyOf(order);
  }

  /** The tasks of {@code graph} in dependency order. */
  public static List<GraphTask> tasks(TaskGraph graph) {
    return of(graph).stream().map(graph::task).toList();
  }
}
