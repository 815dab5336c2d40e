package dev.hypha.runtime;

import dev.hypha.runtime.spi.FlowDefinition;
import java.util.Objects;

/**
 * A run of another flow that a task starts as its child: the task returns one, made by the child
 * flow's generated class ({@code BillingFlow.sub(request)}), and its output, for everybody else, is
 * the child's result of type {@code R}. The engine starts the child once (a repeated attempt finds
 * the child it started), holds no thread while it runs, and ends the task when the child ends: with
 * its result, or failed with its error.
 *
 * <p>Immutable; thread-safe when the input is.
 *
 * @param <R> the child flow's result
 */
public final class SubFlow<R> {
  private final FlowDefinition<?, ?, R> definition;
  private final Object input;

  private SubFlow(FlowDefinition<?, ?, R> definition, Object input) {
    this.definition = definition;
    this.input = input;
  }

  /** A child run of the flow of {@code definition} with {@code input}; for generated code. */
  public static <I, R> SubFlow<R> of(FlowDefinition<?, I, R> definition, I input) {
    return new SubFlow<>(Objects.requireNonNull(definition, "definition"), input);
  }

  /** The child flow. */
  public FlowDefinition<?, ?, R> definition() {
    return definition;
  }

  /** The child run's input. */
  public Object input() {
    return input;
  }

  @Override
  public String toString() {
    return "SubFlow[" + definition.descriptor().name() + "]";
  }
}
