package dev.hypha.processor.writer;

import static javax.lang.model.element.Modifier.PUBLIC;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.hypha.processor.model.FlowPlan;
import dev.hypha.processor.model.PlannedTask;

/**
 * Writes the nested {@code Result} record of a flow with several sinks: one component per sink with
 * an output, in task order ({@code Optional} of it for a sink a branch may skip), and the
 * expression that builds it from the task outputs.
 */
final class ResultSpec {
  private ResultSpec() {}

  static TypeSpec of(FlowPlan plan, FlowTypes types) {
    NameAllocator names = JavaNames.allocator();
    MethodSpec.Builder constructor = MethodSpec.constructorBuilder();
    CodeBlock.Builder javadoc =
        CodeBlock.builder().add("The outputs of the flow's final tasks: the result of a run.\n\n");
    for (PlannedTask sink : plan.sinks()) {
      String component = names.newName(JavaNames.member(sink.name()));
      if (sink.mayBeAbsent()) {
        constructor.addParameter(types.optional(sink), component);
        javadoc.add(
            "@param $L the output of task {@code $L}, empty when a branch skipped it\n",
            component,
            sink.name());
      } else {
        constructor.addParameter(TypeName.get(sink.task().output()), component);
        javadoc.add("@param $L the output of task {@code $L}\n", component, sink.name());
      }
    }
    return TypeSpec.recordBuilder(types.resultRecord())
        .addModifiers(PUBLIC)
        .addJavadoc(javadoc.build())
        .recordConstructor(constructor.build())
        .build();
  }

  /** {@code new Result(outputs.<Charge>output(1), outputs.<Stock>optionalOutput(2))}. */
  static CodeBlock newResult(FlowPlan plan, FlowTypes types) {
    return CodeBlock.of(
        "new $T($Z$L)",
        types.resultRecord(),
        plan.sinks().stream().map(sink -> read(sink, types)).collect(CodeBlock.joining(",$W")));
  }

  /**
   * {@code outputs.<Charge>output(1)}; {@code outputs.<Charge>optionalOutput(1)} for a sink that a
   * branch may skip.
   */
  static CodeBlock read(PlannedTask sink, FlowTypes types) {
    return CodeBlock.of(
        sink.mayBeAbsent() ? "outputs.<$T>optionalOutput($L)" : "outputs.<$T>output($L)",
        types.output(sink),
        sink.index());
  }
}
