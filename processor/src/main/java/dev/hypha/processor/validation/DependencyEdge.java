package dev.hypha.processor.validation;

import dev.hypha.processor.graph.EdgeKind;
import dev.hypha.processor.model.Binding;
import dev.hypha.processor.model.ParameterModel;
import dev.hypha.processor.model.TaskModel;
import dev.hypha.processor.model.TaskModel.DependencyRef;
import java.util.List;
import javax.lang.model.type.TypeMirror;

/**
 * One edge into a task, as the branch checks see it.
 *
 * @param source the task the edge comes from
 * @param ref the name in {@code @DependsOn} that makes the edge
 * @param kind what the edge is; null for a plain edge
 * @param type for a {@link EdgeKind#VARIANT} edge, the erased subtype its guard needs (see {@link
 *     VariantGuard}); else null
 * @param reads the parameters bound to {@code source}'s output; empty for an ordering-only edge
 */
record DependencyEdge(
    TaskModel source, DependencyRef ref, EdgeKind kind, TypeMirror type, List<Read> reads) {
  DependencyEdge {
    reads = List.copyOf(reads);
  }

  /** Whether the edge joins: the task runs even when {@code source} was not taken. */
  boolean isOptional() {
    return kind == EdgeKind.OPTIONAL;
  }

  /** Whether a parameter takes {@code source}'s output whole, not only one of its branches. */
  boolean takesWhole() {
    return kind == EdgeKind.OPTIONAL || (kind == null && !reads.isEmpty());
  }

  /** A parameter bound to the output of the edge's source, and how it reads it. */
  record Read(ParameterModel parameter, Binding.FromTask binding) {}
}
