package dev.hypha.processor.model;

import dev.hypha.processor.graph.EdgeKind;
import javax.lang.model.type.TypeMirror;

/**
 * An edge of a valid flow that is not plain: a branch its task takes only when the dependency's
 * output passes a guard, or a join that lets its task run when the dependency was not taken.
 *
 * @param dependency the name of the task the edge comes from
 * @param kind what the edge is
 * @param type for a {@link EdgeKind#VARIANT} edge, the erased subtype the output must be an
 *     instance of; null otherwise
 */
public record BranchEdge(String dependency, EdgeKind kind, TypeMirror type) {}
