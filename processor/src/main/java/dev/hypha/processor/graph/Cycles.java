package dev.hypha.processor.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;

/**
 * Finds the dependency cycles of a {@link TaskGraph}, one per strongly connected component, so a
 * knot of tasks is reported once however many cycles run through it. Each cycle starts at its first
 * task in source order and follows the shortest way back to it along "depends on" edges.
 */
public final class Cycles {
  private Cycles() {}

  /**
   * The cycles of {@code graph}, ordered by the source position of their first task. Each is a
   * closed path of task names, {@code [a, b, c, a]}: a depends on b, b on c, c on a.
   */
  public static List<List<String>> find(TaskGraph graph) {
    List<List<String>> cycles = new ArrayList<>();
    for (int[] component : components(graph)) {
      boolean selfLoop =
          component.length == 1 && contains(graph.dependencies(component[0]), component[0]);
      if (component.length > 1 || selfLoop) {
        cycles.add(shortestCycle(graph, component));
      }
    }
    cycles.sort(Comparator.comparingInt(cycle -> graph.indexOf(cycle.get(0))));
    return cycles;
  }

  /** Strongly connected components (Kosaraju, iterative so long chains cannot overflow). */
  private static List<int[]> components(TaskGraph graph) {
    int size = graph.size();
    List<Integer> finished = new ArrayList<>(size);
    boolean[] visited = new boolean[size];
    for (int root = 0; root < size; root++) {
      if (visited[root]) {
        continue;
      }
      Deque<int[]> stack = new ArrayDeque<>(); // {node, next edge}
      stack.push(new int[] {root, 0});
      visited[root] = true;
      while (!stack.isEmpty()) {
        int[] frame = stack.peek();
        int[] edges = graph.dependencies(frame[0]);
        if (frame[1] < edges.length) {
          int next = edges[frame[1]++];
          if (!visited[next]) {
            visited[next] = true;
            stack.push(new int[] {next, 0});
          }
        } else {
          finished.add(stack.pop()[0]);
        }
      }
    }
    int[][] dependents = graph.dependents();
    int[] component = new int[size];
    Arrays.fill(component, -1);
    List<int[]> components = new ArrayList<>();
    for (int i = size - 1; i >= 0; i--) {
      int root = finished.get(i);
      if (component[root] >= 0) {
        continue;
      }
      List<Integer> members = new ArrayList<>();
      Deque<Integer> work = new ArrayDeque<>();
      work.push(root);
      component[root] = components.size();
      while (!work.isEmpty()) {
        int node = work.pop();
        members.add(node);
        for (int next : dependents[node]) {
          if (component[next] < 0) {
            component[next] = components.size();
            work.push(next);
          }
        }
      }
      components.add(members.stream().mapToInt(Integer::intValue).sorted().toArray());
    }
    return components;
  }

  /** Breadth-first from the component's first task back to itself, inside the component. */
  private static List<String> shortestCycle(TaskGraph graph, int[] component) {
    int start = component[0];
    int[] parent = new int[graph.size()];
    Arrays.fill(parent, -2);
    Deque<Integer> queue = new ArrayDeque<>();
    queue.add(start);
    parent[start] = -1;
    while (!queue.isEmpty()) {
      int node = queue.remove();
      for (int next : graph.dependencies(node)) {
        if (next == start) {
          return path(graph, parent, node, start);
        }
        if (parent[next] == -2 && contains(component, next)) {
          parent[next] = node;
          queue.add(next);
        }
      }
    }
    throw new IllegalStateException("component without a cycle: " + Arrays.toString(component));
  }

  private static List<String> path(TaskGraph graph, int[] parent, int last, int start) {
    List<String> reversed = new ArrayList<>();
    reversed.add(graph.task(start).name());
    for (int node = last; node != -1; node = parent[node]) {
      reversed.add(graph.task(node).name());
    }
    List<String> path = new ArrayList<>(reversed.size());
    for (int i = reversed.size() - 1; i >= 0; i--) {
      path.add(reversed.get(i));
    }
    return List.copyOf(path);
  }

  private static boolean contains(int[] values, int value) {
    for (int candidate : values) {
      if (candidate == value) {
        return true;
      }
    }
    return false;
  }
}
