package dev.hypha.processor.writer;

import com.palantir.javapoet.CodeBlock;
import dev.hypha.processor.model.FlowPlan;
import dev.hypha.processor.model.PlannedTask;
import dev.hypha.processor.model.TaskModel;

/**
 * Writes the initializer of {@code DESCRIPTOR}: the flow's {@code FlowDescriptor}, task by task.
 */
final class DescriptorCode {
  private static final String DEFAULT_QUEUE = "default";

  private DescriptorCode() {}

  static CodeBlock of(FlowPlan plan, FlowTypes types) {
    CodeBlock.Builder code =
        CodeBlock.builder()
            .add("$T.builder(NAME)\n", RuntimeTypes.FLOW_DESCRIPTOR)
            .indent()
            .indent();
    code.add(".flowClass($S)\n", types.flowClass().reflectionName());
    code.add(".input($L)\n", TypeRefs.of(types.input()));
    code.add(".result($L)\n", TypeRefs.of(types.result()));
    for (PlannedTask task : plan.tasks()) {
      code.add(".task($L)\n", task(task, types));
    }
    code.add(".shapeHash($S)\n", plan.shapeHash());
    code.add(".mermaid($S)\n", plan.mermaid());
    return code.add(".build()").unindent().unindent().build();
  }

  /** {@code TaskDescriptor.builder("load", TypeRef.of(Order.class))...build()}. */
  private static CodeBlock task(PlannedTask planned, FlowTypes types) {
    TaskModel task = planned.task();
    CodeBlock.Builder code =
        CodeBlock.builder()
            .add(
                "$T.builder($S, $L)",
                RuntimeTypes.TASK_DESCRIPTOR,
                task.name(),
                TypeRefs.of(types.output(planned)));
    if (!task.name().equals(task.methodName())) {
      code.add(".method($S)", task.methodName());
    }
    if (!task.dependsOn().isEmpty()) {
      code.add(
          ".dependsOn($L)",
          task.dependencyNames().stream()
              .map(name -> CodeBlock.of("$S", name))
              .collect(CodeBlock.joining(", ")));
    }
    if (!task.queue().equals(DEFAULT_QUEUE)) {
      code.add(".queue($S)", task.queue());
    }
    return code.add(".build()").build();
  }
}
