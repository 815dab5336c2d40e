package dev.hypha.processor.writer;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import dev.hypha.processor.model.BranchEdge;
import dev.hypha.processor.model.FanOut;
import dev.hypha.processor.model.FlowPlan;
import dev.hypha.processor.model.LoopPlan;
import dev.hypha.processor.model.PlannedHandler;
import dev.hypha.processor.model.PlannedTask;
import dev.hypha.processor.model.RetryPlan;
import dev.hypha.processor.model.SignalPlan;
import dev.hypha.processor.model.TaskModel;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the initializer of {@code DESCRIPTOR}: the flow's {@code FlowDescriptor}, task by task
 * with their policies, then the handlers and the flow's own policies.
 */
final class DescriptorCode {
  private static final String DEFAULT_QUEUE = "default";

  /** The constant that holds the flow's {@code @Retry}, when it has one. */
  static final String DEFAULT_RETRY = "DEFAULT_RETRY";

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
      code.add(".task($L)\n", task(task, plan, types));
    }
    for (PlannedHandler handler : plan.handlers()) {
      code.add(".handler($L)\n", PolicyCode.handler(handler));
    }
    plan.deadline()
        .ifPresent(deadline -> code.add(".deadline($L)\n", PolicyCode.duration(deadline)));
    if (plan.flow().compensateOnCancel()) {
      code.add(".compensateOnCancel(true)\n");
    }
    code.add(".shapeHash($S)\n", plan.shapeHash());
    code.add(".mermaid($S)\n", plan.mermaid());
    return code.add(".build()").unindent().unindent().build();
  }

  /**
   * {@code TaskDescriptor.builder("load", TypeRef.of(Order.class)).build()}; with anything more
   * than its name and output type, one builder call a line. A task that starts a sub-flow gets
   * {@code .subFlow()}, its output type being the child flow's result type.
   */
  private static CodeBlock task(PlannedTask planned, FlowPlan plan, FlowTypes types) {
    TaskModel task = planned.task();
    List<CodeBlock> calls = new ArrayList<>();
    if (!task.name().equals(task.methodName())) {
      calls.add(CodeBlock.of(".method($S)", task.methodName()));
    }
    if (!task.dependsOn().isEmpty()) {
      calls.add(
          CodeBlock.of(
              ".dependsOn($L)",
              task.dependencyNames().stream()
                  .map(name -> CodeBlock.of("$S", name))
                  .collect(CodeBlock.joining(",$W"))));
    }
    planned.forEach().ifPresent(fanOut -> calls.add(forEach(fanOut, task)));
    planned.loop().ifPresent(loop -> calls.add(loop(loop)));
    if (task.startsSubFlow()) {
      calls.add(CodeBlock.of(".subFlow()"));
    }
    planned.branches().forEach(branch -> calls.add(branch(branch)));
    if (!task.queue().equals(DEFAULT_QUEUE)) {
      calls.add(CodeBlock.of(".queue($S)", task.queue()));
    }
    planned.retry().ifPresent(retry -> calls.add(CodeBlock.of(".retry($L)", retry(retry, plan))));
    planned
        .timeout()
        .ifPresent(
            timeout -> calls.add(CodeBlock.of(".timeout($L)", PolicyCode.duration(timeout))));
    planned
        .delay()
        .ifPresent(delay -> calls.add(CodeBlock.of(".delay($L)", PolicyCode.duration(delay))));
    planned.waitUntil().ifPresent(source -> calls.add(CodeBlock.of(".waitUntil($S)", source)));
    planned.signal().ifPresent(signal -> calls.add(signal(signal, types)));
    CodeBlock.Builder code =
        CodeBlock.builder()
            .add(
                "$T.builder($S,$W$L)",
                RuntimeTypes.TASK_DESCRIPTOR,
                task.name(),
                TypeRefs.of(types.output(planned)));
    if (calls.isEmpty()) {
      return code.add("$Z.build()").build();
    }
    code.indent().indent();
    calls.forEach(call -> code.add("\n$L", call));
    return code.add("\n.build()").unindent().unindent().build();
  }

  /**
   * {@code .forEach("split", TypeRef.of(Page.class), TypeRef.of(Text.class), 4)}: the list's
   * element type and what one instance returns ({@code Void} for a void method); the task's own
   * output is the list of those. A fan-out that routes by subtype adds the guard an element passes
   * to get an instance: {@code .forEach("plan", TypeRef.of(Lookup.class),
   * TypeRef.of(Address.class), 0, Guard.instanceOf(Dns.class))}.
   */
  private static CodeBlock forEach(FanOut fanOut, TaskModel task) {
    CodeBlock.Builder code =
        CodeBlock.builder()
            .add(
                ".forEach($S,$W$L,$W$L,$W$L",
                fanOut.dependency(),
                TypeRefs.of(TypeName.get(fanOut.element())),
                TypeRefs.of(FlowTypes.boxed(task.returnType())),
                fanOut.concurrency());
    fanOut
        .route()
        .ifPresent(
            route ->
                code.add(",$W$T.instanceOf($T.class)", RuntimeTypes.GUARD, TypeName.get(route)));
    return code.add(")").build();
  }

  /**
   * {@code .loop("open", TypeRef.of(Offer.class), 10)}: the dependency whose output is the first
   * state, the state's type and the most iterations; the task's own output is the loop's result.
   */
  private static CodeBlock loop(LoopPlan loop) {
    return CodeBlock.of(
        ".loop($S,$W$L,$W$L)",
        loop.dependency(),
        TypeRefs.of(TypeName.get(loop.state())),
        loop.maxIterations());
  }

  /**
   * {@code .signal(SignalWait.of("approval", TypeRef.of(Approval.class)))}: the signal's name and
   * payload type; with a timeout, {@code .timeout(Duration.parse("PT72H"), false)}, {@code true}
   * when the parameter is an {@code Optional} that a timeout leaves empty; with a condition, {@code
   * .when(Review::isFinal, "isFinal")}, a reference to the flow class's static method.
   */
  private static CodeBlock signal(SignalPlan signal, FlowTypes types) {
    CodeBlock.Builder code =
        CodeBlock.builder()
            .add(
                ".signal($T.of($S,$W$L)",
                RuntimeTypes.SIGNAL_WAIT,
                signal.name(),
                TypeRefs.of(TypeName.get(signal.payload())));
    signal
        .timeout()
        .ifPresent(
            timeout ->
                code.add(
                    "$Z.timeout($L,$W$L)", PolicyCode.duration(timeout), signal.emptyOnTimeout()));
    signal
        .condition()
        .ifPresent(
            condition -> code.add("$Z.when($T::$L,$W$S)", types.flowClass(), condition, condition));
    return code.add(")").build();
  }

  /**
   * {@code .when("decide", Guard.instanceOf(Approved.class))}, {@code .when("find",
   * Guard.present())} or {@code .optional("approve")}; a fan-out is written by {@link #forEach}, a
   * loop by {@link #loop}.
   */
  private static CodeBlock branch(BranchEdge branch) {
    return switch (branch.kind()) {
      case PRESENT ->
          CodeBlock.of(".when($S,$W$T.present())", branch.dependency(), RuntimeTypes.GUARD);
      case VARIANT ->
          CodeBlock.of(
              ".when($S,$W$T.instanceOf($T.class))",
              branch.dependency(),
              RuntimeTypes.GUARD,
              TypeName.get(branch.type()));
      case OPTIONAL -> CodeBlock.of(".optional($S)", branch.dependency());
      case FOR_EACH ->
          throw new IllegalArgumentException("a fan-out is not a branch: " + branch.dependency());
      case LOOP ->
          throw new IllegalArgumentException("a loop is not a branch: " + branch.dependency());
    };
  }

  /** {@code DEFAULT_RETRY} for the flow's own policy, else the policy itself. */
  private static CodeBlock retry(RetryPlan retry, FlowPlan plan) {
    return plan.defaultRetry().filter(retry::equals).isPresent()
        ? CodeBlock.of(DEFAULT_RETRY)
        : PolicyCode.retry(retry);
  }
}
