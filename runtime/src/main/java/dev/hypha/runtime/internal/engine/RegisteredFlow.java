package dev.hypha.runtime.internal.engine;

import dev.hypha.runtime.spi.FlowDefinition;
import dev.hypha.runtime.spi.FlowDescriptor;
import java.util.Arrays;

/**
 * A flow the engine can execute: its generated definition and the instance whose methods are the
 * tasks. The instance may be replaced by a later bind; executions read it when they start.
 */
public final class RegisteredFlow {
  private final FlowDefinition<Object, Object, Object> definition;
  private final FlowDescriptor descriptor;
  private final int[] resultTasks;
  private volatile Object instance;

  @SuppressWarnings("unchecked")
  RegisteredFlow(FlowDefinition<?, ?, ?> definition, Object instance) {
    this.definition = (FlowDefinition<Object, Object, Object>) definition;
    this.descriptor = definition.descriptor();
    this.resultTasks =
        Arrays.stream(descriptor.sinks())
            .filter(sink -> !descriptor.task(sink).output().isVoid())
            .toArray();
    this.instance = instance;
  }

  public FlowDefinition<Object, Object, Object> definition() {
    return definition;
  }

  public FlowDescriptor descriptor() {
    return descriptor;
  }

  public String name() {
    return descriptor.name();
  }

  /** The sinks whose outputs make the result; the array must not be modified. */
  int[] resultTasks() {
    return resultTasks;
  }

  Object instance() {
    return instance;
  }

  void rebind(Object instance) {
    this.instance = instance;
  }
}
