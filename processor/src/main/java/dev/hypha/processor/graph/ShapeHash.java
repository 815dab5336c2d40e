package dev.hypha.processor.graph;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * A short, stable fingerprint of a flow's shape: the first 16 hex characters of the SHA-256 of
 * {@link #canonicalText}. It changes when a task, an edge, a queue or an output type changes, and
 * not when methods are reordered or renamed behind an unchanged task name. A branch, a join or a
 * fan-out or a loop (an edge that is not plain) is part of the shape too, and so are the signal a
 * task waits for, its name and payload type, and whether a task starts a sub-flow: the text of a
 * flow with plain edges, no signals and no sub-flows is the same as before flows could branch, fan
 * out, loop, wait for signals or start sub-flows.
 */
public final class ShapeHash {
  private ShapeHash() {}

  /** The hash of {@code tasks}' shape. */
  public static String of(List<GraphTask> tasks) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      byte[] digest = sha256.digest(canonicalText(tasks).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /**
   * One line per task, sorted by name: {@code name|queue|output type|sorted dependencies}, the
   * dependencies separated by commas. A dependency whose edge is not plain is followed by its kind
   * in brackets: {@code decide[variant:shop.Approved]}, {@code find[present]}, {@code
   * approve[optional]}, {@code split[for-each]}, {@code plan[for-each:shop.Dns]} for a fan-out that
   * routes by subtype, {@code open[loop]} for the dependency a loop starts from. A task that waits
   * for a signal ends its line with {@code |signal:<name>:<payload type>}, as in {@code
   * |signal:approval:shop.Review.Approval}; its timeout and condition are policies, not shape. A
   * task that starts a sub-flow ends its line with {@code |sub-flow} (its output type is the child
   * flow's result type; which flow the child is, the method decides at run time).
   */
  public static String canonicalText(List<GraphTask> tasks) {
    List<GraphTask> sorted = new ArrayList<>(tasks);
    sorted.sort(Comparator.comparing(GraphTask::name));
    StringBuilder text = new StringBuilder();
    for (GraphTask task : sorted) {
      List<String> dependencies = new ArrayList<>();
      for (String dependency : task.dependsOn()) {
        GraphEdge edge = task.edges().get(dependency);
        dependencies.add(edge == null ? dependency : dependency + "[" + edge.hashText() + "]");
      }
      dependencies.sort(Comparator.naturalOrder());
      text.append(task.name())
          .append('|')
          .append(task.queue())
          .append('|')
          .append(task.outputType())
          .append('|')
          .append(String.join(",", dependencies));
      task.signal()
          .ifPresent(
              signal ->
                  text.append("|signal:")
                      .append(signal.name())
                      .append(':')
                      .append(signal.payloadType()));
      if (task.subFlow()) {
        text.append("|sub-flow");
      }
      text.append('\n');
    }
    return text.toString();
  }
}
