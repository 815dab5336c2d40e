package dev.hypha.cli.internal;

import dev.hypha.runtime.spi.FlowDescriptor;
import dev.hypha.runtime.spi.TaskDescriptor;

/**
 * A flow's graph in Graphviz DOT: one box per task (its queue under its name when it is not the
 * default queue), one arrow per dependency, dashed for a branch. Every name is a quoted DOT ID, so
 * any flow or task name is safe. Stateless.
 */
public final class DotGraph {
  private DotGraph() {}

  public static String of(FlowDescriptor flow) {
    StringBuilder dot = new StringBuilder();
    dot.append("digraph ").append(quote(flow.name())).append(" {\n");
    dot.append("  rankdir=LR;\n");
    dot.append("  node [shape=box];\n");
    for (TaskDescriptor task : flow.tasks()) {
      String label = escape(task.name());
      if (!task.queue().equals(TaskDescriptor.DEFAULT_QUEUE)) {
        label += "\\nqueue " + escape(task.queue());
      }
      dot.append("  ").append(quote(task.name())).append(" [label=\"").append(label).append("\"");
      if (task.forEach().isPresent()) {
        dot.append(", shape=box3d");
      }
      dot.append("];\n");
    }
    for (int index = 0; index < flow.tasks().size(); index++) {
      for (int dependency : flow.dependencies(index)) {
        dot.append("  ")
            .append(quote(flow.task(dependency).name()))
            .append(" -> ")
            .append(quote(flow.task(index).name()));
        if (flow.guard(dependency, index).isPresent()) {
          dot.append(" [style=dashed]");
        }
        dot.append(";\n");
      }
    }
    dot.append("}\n");
    return dot.toString();
  }

  /** {@code text} as a quoted DOT ID. */
  static String quote(String text) {
    return "\"" + escape(text) + "\"";
  }

  /** Inside a quoted DOT string only {@code "} needs escaping; a backslash is doubled too. */
  private static String escape(String text) {
    return text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
