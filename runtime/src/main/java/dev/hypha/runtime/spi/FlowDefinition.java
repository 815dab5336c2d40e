package dev.hypha.runtime.spi;

import java.util.Optional;

/**
 * What the annotation processor generates for each {@code @Flow} class, as the nested class {@code
 * <Name>Flow.Definition}. The runtime finds every definition on the class path through {@link
 * java.util.ServiceLoader}, which is how a flow is started by name with JSON input, and calls the
 * task methods through {@link #invoke} without reflection.
 *
 * <p>Implementations are stateless and thread-safe.
 *
 * @param <F> the annotated flow class
 * @param <I> the flow's input type ({@link Void} when no task takes {@code @Input})
 * @param <O> the flow's result type
 */
public interface FlowDefinition<F, I, O> {

  /** Name, tasks, edges, queues and shape hash of the flow. */
  FlowDescriptor descriptor();

  /** The annotated class whose methods are the tasks. */
  Class<F> flowClass();

  /**
   * A new instance of the flow class through its public no-argument constructor, or empty when it
   * has none; such a flow runs only where the application binds an instance.
   */
  Optional<F> newInstance();

  /**
   * Calls the method of the task at {@code taskIndex} on {@code flow}; indexes from the number of
   * tasks on call the {@linkplain FlowDescriptor#handlers() handlers}.
   *
   * @return the method's return value, {@code null} for a {@code void} method
   * @throws Exception whatever the method throws
   */
  Object invoke(F flow, int taskIndex, TaskArguments arguments) throws Exception;

  /**
   * The run's result from the outputs of its sink tasks: the single sink's output, or the generated
   * {@code Result} record of all sinks.
   */
  O result(TaskOutputs outputs);
}
