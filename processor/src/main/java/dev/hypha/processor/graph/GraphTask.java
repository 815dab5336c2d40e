package dev.hypha.processor.graph;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One task as the graph algorithms see it: plain strings, no compiler types.
 *
 * @param name the task's name, unique within its flow
 * @param queue the queue the task is routed to
 * @param outputType the canonical text of the task's (boxed) output type
 * @param dependsOn names of the tasks it depends on, in declaration order
 * @param edges the edges from {@code dependsOn} that are not plain (branches and joins), by the
 *     dependency's name; empty for a task with plain edges only
 * @param signal the external signal the task waits for, if it waits for one
 * @param subFlow whether the task starts a run of another flow as its child, whose result is its
 *     output
 */
public record GraphTask(
    String name,
    String queue,
    String outputType,
    List<String> dependsOn,
    Map<String, GraphEdge> edges,
    Optional<GraphSignal> signal,
    boolean subFlow) {
  public GraphTask {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(queue, "queue");
    Objects.requireNonNull(outputType, "outputType");
    dependsOn = List.copyOf(dependsOn);
    edges = Map.copyOf(edges);
    Objects.requireNonNull(signal, "signal");
  }

  /** A task that starts no sub-flow. */
  public GraphTask(
      String name,
      String queue,
      String outputType,
      List<String> dependsOn,
      Map<String, GraphEdge> edges,
      Optional<GraphSignal> signal) {
    this(name, queue, outputType, dependsOn, edges, signal, false);
  }

  /** A task that waits for no signal and starts no sub-flow. */
  public GraphTask(
      String name,
      String queue,
      String outputType,
      List<String> dependsOn,
      Map<String, GraphEdge> edges) {
    this(name, queue, outputType, dependsOn, edges, Optional.empty());
  }

  /** A task whose edges are all plain, waiting for no signal, starting no sub-flow. */
  public GraphTask(String name, String queue, String outputType, List<String> dependsOn) {
    this(name, queue, outputType, dependsOn, Map.of());
  }

  /** This task, starting a sub-flow. */
  public GraphTask startingSubFlow() {
    return new GraphTask(name, queue, outputType, dependsOn, edges, signal, true);
  }

  /** A task on the default queue with an {@code Object} output, for graphs that only need edges. */
  public static GraphTask of(String name, String... dependsOn) {
    return new GraphTask(name, "default", "java.lang.Object", List.of(dependsOn));
  }
}
