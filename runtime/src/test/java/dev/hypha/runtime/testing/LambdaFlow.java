package dev.hypha.runtime.testing;

import dev.hypha.runtime.spi.FlowDefinition;
import dev.hypha.runtime.spi.FlowDescriptor;
import dev.hypha.runtime.spi.TaskArguments;
import dev.hypha.runtime.spi.TaskDescriptor;
import dev.hypha.runtime.spi.TaskOutputs;
import dev.hypha.runtime.spi.TypeRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A flow defined in code instead of through the annotation processor, for engine tests and
 * benchmarks whose graphs (10,000 tasks, random shapes) would be impractical as annotated methods.
 * It implements the same SPI the generated code does. Result: the single non-void sink's output, or
 * a map of every non-void sink's output by task name.
 */
public final class LambdaFlow implements FlowDefinition<LambdaFlow, Object, Object> {

  /** A task's body. */
  @FunctionalInterface
  public interface Body {
    Object run(TaskArguments arguments) throws Exception;
  }

  private final FlowDescriptor descriptor;
  private final List<Body> bodies;
  private final int[] resultTasks;

  /** Bodies: the tasks' in task order, then the handlers' in handler order. */
  private LambdaFlow(FlowDescriptor descriptor, List<Body> bodies) {
    this.descriptor = descriptor;
    this.bodies = List.copyOf(bodies);
    this.resultTasks =
        java.util.Arrays.stream(descriptor.sinks())
            .filter(sink -> !descriptor.task(sink).output().isVoid())
            .toArray();
  }

  public static Builder builder(String name) {
    return new Builder(name);
  }

  @Override
  public FlowDescriptor descriptor() {
    return descriptor;
  }

  @Override
  public Class<LambdaFlow> flowClass() {
    return LambdaFlow.class;
  }

  @Override
  public Optional<LambdaFlow> newInstance() {
    return Optional.of(this);
  }

  @Override
  public Object invoke(LambdaFlow flow, int taskIndex, TaskArguments arguments) throws Exception {
    return bodies.get(taskIndex).run(arguments);
  }

  @Override
  public Object result(TaskOutputs outputs) {
    if (resultTasks.length == 0) {
      return null;
    }
    if (resultTasks.length == 1) {
      return outputs.output(resultTasks[0]);
    }
    Map<String, Object> all = new LinkedHashMap<>();
    for (int task : resultTasks) {
      // As a generated result record does: a sink that was not taken has no output.
      all.put(descriptor.task(task).name(), outputs.optionalOutput(task).orElse(null));
    }
    return all;
  }

  /** Collects tasks, each after its dependencies. */
  public static final class Builder {
    private final FlowDescriptor.Builder descriptor;
    private final List<Body> bodies = new ArrayList<>();
    private final List<Body> handlerBodies = new ArrayList<>();
    private final StringBuilder shape = new StringBuilder();
    private final List<TaskDescriptor> tasks = new ArrayList<>();
    private boolean resultSet;

    private Builder(String name) {
      this.descriptor = FlowDescriptor.builder(name).flowClass(LambdaFlow.class.getName());
    }

    public Builder input(TypeRef<?> input) {
      descriptor.input(input);
      return this;
    }

    public Builder result(TypeRef<?> result) {
      descriptor.result(result);
      resultSet = true;
      return this;
    }

    /** Adds a task on the default queue. */
    public Builder task(String name, TypeRef<?> output, Body body, String... dependsOn) {
      return task(TaskDescriptor.builder(name, output).dependsOn(dependsOn).build(), body);
    }

    public Builder task(TaskDescriptor task, Body body) {
      descriptor.task(task);
      tasks.add(task);
      bodies.add(body);
      shape.append(task.name()).append('<').append(String.join(",", task.dependsOn())).append(';');
      return this;
    }

    /** Adds a compensation, fault handler or callback; {@code body} is its method. */
    public Builder handler(dev.hypha.runtime.spi.HandlerDescriptor handler, Body body) {
      descriptor.handler(handler);
      handlerBodies.add(body);
      return this;
    }

    /** Fails runs that take longer than {@code deadline}. */
    public Builder deadline(java.time.Duration deadline) {
      descriptor.deadline(deadline);
      return this;
    }

    public Builder compensateOnCancel() {
      descriptor.compensateOnCancel(true);
      return this;
    }

    public LambdaFlow build() {
      if (!resultSet) {
        // As the processor would declare it: the single sink's type, else a map by task name.
        java.util.Set<String> dependedOn = new java.util.HashSet<>();
        tasks.forEach(task -> dependedOn.addAll(task.dependsOn()));
        List<TaskDescriptor> sinks =
            tasks.stream()
                .filter(task -> !dependedOn.contains(task.name()) && !task.output().isVoid())
                .toList();
        descriptor.result(
            sinks.isEmpty()
                ? TypeRef.of(Void.class)
                : sinks.size() == 1
                    ? sinks.get(0).output()
                    : new TypeRef<Map<String, Object>>() {});
      }
      List<Body> all = new ArrayList<>(bodies);
      all.addAll(handlerBodies);
      return new LambdaFlow(
          descriptor.shapeHash(Integer.toHexString(shape.toString().hashCode())).build(), all);
    }
  }
}
