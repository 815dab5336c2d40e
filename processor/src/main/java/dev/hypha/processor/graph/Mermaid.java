package dev.hypha.processor.graph;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Renders a flow as a Mermaid flowchart: {@code graph TD}, then one {@code dependency --> task}
 * line per edge in task order, and a lone node line for a task without edges. A branch is labelled
 * with what takes it, {@code decide -->|Approved| approve} or {@code find -->|present| use}; a join
 * that runs without its dependency is dotted, {@code approve -.-> notify}; a fan-out is labelled
 * too, {@code split -->|for each| ocr}, with the subtype it routes, if it does: {@code plan -->|for
 * each Dns| dns}; so is the edge a loop starts from, {@code open -->|loop| haggle}. A task name
 * that is not a plain identifier (or is a Mermaid keyword) becomes a node {@code t<index>["name"]}.
 * A task that starts a sub-flow is a subroutine node, {@code bill[[bill]]} (or {@code
 * t<index>[["name"]]}). A node's shape and label are declared where it first appears, its id alone
 * after that.
 *
 * <p>A signal is a parallelogram node, declared with its first task and shared by the others that
 * wait for it, with a dotted edge into each: {@code signal_approval[/approval/] -.->|signal|
 * decide}, the line after that task's dependencies. Its id is {@code signal_} and the name with
 * {@code '-'} as {@code '_'} (one more {@code '_'} while a task has that name).
 */
public final class Mermaid {
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
  private static final Set<String> KEYWORDS =
      Set.of(
          "end",
          "graph",
          "flowchart",
          "subgraph",
          "direction",
          "style",
          "linkstyle",
          "classdef",
          "class",
          "click",
          "call",
          "href",
          "callback",
          "default");

  private Mermaid() {}

  /**
   * The chart of {@code tasks}, given in dependency order; lines end without a trailing newline.
   */
  public static String render(List<GraphTask> tasks) {
    TaskGraph graph = TaskGraph.of(tasks);
    int[][] dependents = graph.dependents();
    Set<Integer> declared = new HashSet<>();
    Map<String, String> signals = new HashMap<>();
    StringBuilder text = new StringBuilder("graph TD");
    for (int i = 0; i < graph.size(); i++) {
      int[] dependencies = graph.dependencies(i);
      Optional<GraphSignal> signal = graph.task(i).signal();
      if (dependencies.length == 0 && dependents[i].length == 0 && signal.isEmpty()) {
        text.append("\n  ").append(node(graph, i, declared));
      }
      for (int dependency : dependencies) {
        text.append("\n  ")
            .append(node(graph, dependency, declared))
            .append(arrow(graph.task(i).edges().get(graph.task(dependency).name())))
            .append(node(graph, i, declared));
      }
      if (signal.isPresent()) {
        text.append("\n  ")
            .append(signalNode(signal.get().name(), graph, signals))
            .append(" -.->|signal| ")
            .append(node(graph, i, declared));
      }
    }
    return text.toString();
  }

  /** Whether {@code name} can be a Mermaid node id as it is. */
  static boolean isPlain(String name) {
    return PLAIN.matcher(name).matches() && !KEYWORDS.contains(name.toLowerCase(Locale.ROOT));
  }

  private static String arrow(GraphEdge edge) {
    if (edge == null) {
      return " --> ";
    }
    return switch (edge.kind()) {
      case PRESENT, VARIANT, FOR_EACH, LOOP -> " -->|" + edge.label() + "| ";
      case OPTIONAL -> " -.-> ";
    };
  }

  /**
   * The node of task {@code index}: its id, with its shape and label the first time ({@code
   * declared} keeps the tasks declared) unless it is a plain rectangle named by its id.
   */
  private static String node(TaskGraph graph, int index, Set<Integer> declared) {
    GraphTask task = graph.task(index);
    String name = task.name();
    boolean plain = isPlain(name);
    String id = plain ? name : "t" + index;
    if ((plain && !task.subFlow()) || !declared.add(index)) {
      return id;
    }
    String label = plain ? name : "\"" + name.replace("\"", "#quot;") + "\"";
    return task.subFlow() ? id + "[[" + label + "]]" : id + "[" + label + "]";
  }

  /**
   * The node of signal {@code name}: {@code signal_approval[/approval/]} the first time, its id
   * after that ({@code declared} keeps the ids given).
   */
  private static String signalNode(String name, TaskGraph graph, Map<String, String> declared) {
    String id = declared.get(name);
    if (id != null) {
      return id;
    }
    Set<String> taken = new HashSet<>(declared.values());
    for (int i = 0; i < graph.size(); i++) {
      taken.add(graph.task(i).name());
    }
    id = "signal_" + name.replace('-', '_');
    while (taken.contains(id)) {
      id += "_";
    }
    declared.put(name, id);
    return id + "[/" + name + "/]";
  }
}
