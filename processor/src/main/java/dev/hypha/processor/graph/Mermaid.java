package dev.hypha.processor.graph;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
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
    Set<Integer> labelled = new HashSet<>();
    StringBuilder text = new StringBuilder("graph TD");
    for (int i = 0; i < graph.size(); i++) {
      int[] dependencies = graph.dependencies(i);
      if (dependencies.length == 0 && dependents[i].length == 0) {
        text.append("\n  ").append(node(graph, i, labelled));
      }
      for (int dependency : dependencies) {
        text.append("\n  ")
            .append(node(graph, dependency, labelled))
            .append(arrow(graph.task(i).edges().get(graph.task(dependency).name())))
            .append(node(graph, i, labelled));
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

  private static String node(TaskGraph graph, int index, Set<Integer> labelled) {
    String name = graph.task(index).name();
    if (isPlain(name)) {
      return name;
    }
    String id = "t" + index;
    return labelled.add(index) ? id + "[\"" + name.replace("\"", "#quot;") + "\"]" : id;
  }
}
