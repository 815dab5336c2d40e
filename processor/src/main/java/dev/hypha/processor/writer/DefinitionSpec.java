package dev.hypha.processor.writer;

import static javax.lang.model.element.Modifier.FINAL;
import static javax.lang.model.element.Modifier.PUBLIC;
import static javax.lang.model.element.Modifier.STATIC;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.hypha.processor.model.Binding;
import dev.hypha.processor.model.FlowPlan;
import dev.hypha.processor.model.PlannedHandler;
import dev.hypha.processor.model.PlannedTask;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.type.TypeKind;

/**
 * Writes the nested {@code Definition} class, the {@code FlowDefinition} the runtime finds through
 * {@code ServiceLoader}: it creates the flow class and calls its task and handler methods by index,
 * without reflection.
 */
final class DefinitionSpec {
  private DefinitionSpec() {}

  static TypeSpec of(FlowPlan plan, FlowTypes types) {
    TypeSpec.Builder type =
        TypeSpec.classBuilder(types.definition())
            .addModifiers(PUBLIC, STATIC, FINAL)
            .addSuperinterface(
                ParameterizedTypeName.get(
                    RuntimeTypes.FLOW_DEFINITION, types.flowClass(), types.input(), types.result()))
            .addJavadoc(
                "How the runtime calls the tasks of {@link $T}; found through\n", types.flowClass())
            .addJavadoc("{@link java.util.ServiceLoader}.\n");
    addConstructor(type);
    addDescriptor(type);
    addFlowClass(type, types);
    addNewInstance(type, plan, types);
    addInvoke(type, plan, types);
    addResult(type, plan, types);
    return type.build();
  }

  private static void addConstructor(TypeSpec.Builder type) {
    type.addMethod(
        MethodSpec.constructorBuilder()
            .addJavadoc("Called by {@link java.util.ServiceLoader} and by {@code bind}.\n")
            .addModifiers(PUBLIC)
            .build());
  }

  private static void addDescriptor(TypeSpec.Builder type) {
    type.addMethod(
        overriding("descriptor", RuntimeTypes.FLOW_DESCRIPTOR)
            .addStatement("return DESCRIPTOR")
            .build());
  }

  private static void addFlowClass(TypeSpec.Builder type, FlowTypes types) {
    type.addMethod(
        overriding(
                "flowClass",
                ParameterizedTypeName.get(ClassName.get(Class.class), types.flowClass()))
            .addStatement("return $T.class", types.flowClass())
            .build());
  }

  private static void addNewInstance(TypeSpec.Builder type, FlowPlan plan, FlowTypes types) {
    MethodSpec.Builder method =
        overriding(
            "newInstance",
            ParameterizedTypeName.get(ClassName.get(Optional.class), types.flowClass()));
    if (plan.flow().instantiable()) {
      method.addStatement("return $T.of(new $T())", Optional.class, types.flowClass());
    } else {
      method.addStatement("return $T.empty()", Optional.class);
    }
    type.addMethod(method.build());
  }

  private static void addInvoke(TypeSpec.Builder type, FlowPlan plan, FlowTypes types) {
    MethodSpec.Builder method =
        overriding("invoke", ClassName.get(Object.class))
            .addParameter(types.flowClass(), "flow")
            .addParameter(TypeName.INT, "taskIndex")
            .addParameter(RuntimeTypes.TASK_ARGUMENTS, "arguments")
            .addException(Exception.class)
            .beginControlFlow("switch (taskIndex)");
    for (PlannedTask task : plan.tasks()) {
      addCase(method, task.index(), task.task().method(), task.arguments(), plan, types);
    }
    for (PlannedHandler handler : plan.handlers()) {
      addCase(
          method, handler.index(), handler.handler().method(), handler.arguments(), plan, types);
    }
    method
        .addCode("default:\n$>")
        .addStatement(
            "throw new $T($S$W+ taskIndex)",
            IndexOutOfBoundsException.class,
            "flow " + plan.flow().name() + " has no task or handler ")
        .addCode("$<")
        .endControlFlow();
    type.addMethod(method.build());
  }

  /** {@code case 3: return flow.ship(...);}, or the call and {@code return null} for void. */
  private static void addCase(
      MethodSpec.Builder method,
      int index,
      ExecutableElement callee,
      List<Binding> bindings,
      FlowPlan plan,
      FlowTypes types) {
    CodeBlock call =
        CodeBlock.of(
            "flow.$N($Z$L)",
            callee.getSimpleName().toString(),
            bindings.stream()
                .map(binding -> argument(binding, plan, types))
                .collect(CodeBlock.joining(",$W")));
    method.addCode("case $L:\n$>", index);
    if (callee.getReturnType().getKind() == TypeKind.VOID) {
      method.addStatement("$L", call).addStatement("return null");
    } else {
      method.addStatement("return $L", call);
    }
    method.addCode("$<");
  }

  /** What one parameter receives, read from {@code arguments}. */
  private static CodeBlock argument(Binding binding, FlowPlan plan, FlowTypes types) {
    if (binding instanceof Binding.Input) {
      return CodeBlock.of("arguments.<$T>input()", types.input());
    }
    if (binding instanceof Binding.FromTask read) {
      return output(read, plan.task(read.task()), types);
    }
    if (binding instanceof Binding.Signal signal) {
      return signal(signal);
    }
    if (binding instanceof Binding.Exception exception) {
      return CodeBlock.of("arguments.<$T>exception()", TypeName.get(exception.type()));
    }
    if (binding instanceof Binding.Result) {
      return CodeBlock.of("arguments.<$T>result()", types.result());
    }
    if (binding instanceof Binding.RunError) {
      return CodeBlock.of("arguments.runError()");
    }
    return CodeBlock.of("arguments.context()");
  }

  /**
   * The payload of the signal the task took, {@code arguments.<Approval>signal().orElseThrow()}: a
   * task that waits for a signal runs once it has one, or when its wait timed out, with an empty
   * one, for an {@code Optional} parameter only, which takes {@code arguments.<Approval>signal()}.
   */
  private static CodeBlock signal(Binding.Signal signal) {
    return signal.optional()
        ? CodeBlock.of("arguments.<$T>signal()", TypeName.get(signal.payload()))
        : CodeBlock.of("arguments.<$T>signal().orElseThrow()", TypeName.get(signal.payload()));
  }

  /**
   * A dependency's output: {@code arguments.<Order>output(0)}; the value of an {@code Optional}
   * branch, {@code .orElseThrow()} (the edge is taken only when it is present); a sealed output
   * read as the parameter's subtype (taken only when it is one); {@code optionalOutput} for a join;
   * for a {@code @ForEach} parameter, the instance's element of the list: {@code
   * arguments.<Page>element()}, as the subtype it routes when it does ({@code
   * arguments.<Dns>element()}, an element the route let through); for a {@code @Loop} parameter,
   * the iteration's state, the same way: {@code arguments.<Offer>element()}.
   */
  private static CodeBlock output(Binding.FromTask read, PlannedTask source, FlowTypes types) {
    if (read instanceof Binding.Present) {
      return CodeBlock.of(
          "arguments.<$T>output($L).orElseThrow()", types.output(source), source.index());
    }
    if (read instanceof Binding.Variant variant) {
      return CodeBlock.of("arguments.<$T>output($L)", TypeName.get(variant.type()), source.index());
    }
    if (read instanceof Binding.Element element) {
      return CodeBlock.of("arguments.<$T>element()", TypeName.get(element.read()));
    }
    if (read instanceof Binding.State state) {
      return CodeBlock.of("arguments.<$T>element()", TypeName.get(state.type()));
    }
    if (read instanceof Binding.OptionalOutput optional) {
      return CodeBlock.of(
          "arguments.<$T>optionalOutput($L)", TypeName.get(optional.type()), source.index());
    }
    return CodeBlock.of("arguments.<$T>output($L)", types.output(source), source.index());
  }

  private static void addResult(TypeSpec.Builder type, FlowPlan plan, FlowTypes types) {
    MethodSpec.Builder method =
        overriding("result", types.result()).addParameter(RuntimeTypes.TASK_OUTPUTS, "outputs");
    if (types.hasResultRecord()) {
      method.addStatement("return $L", ResultSpec.newResult(plan, types));
    } else if (plan.sinks().isEmpty()) {
      method.addStatement("return null");
    } else {
      method.addStatement("return $L", ResultSpec.read(plan.sinks().get(0), types));
    }
    type.addMethod(method.build());
  }

  private static MethodSpec.Builder overriding(String name, TypeName returns) {
    return MethodSpec.methodBuilder(name)
        .addAnnotation(Override.class)
        .addModifiers(PUBLIC)
        .returns(returns);
  }
}
