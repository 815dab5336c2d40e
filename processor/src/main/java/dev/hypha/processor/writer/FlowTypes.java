package dev.hypha.processor.writer;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import dev.hypha.processor.model.FlowPlan;
import dev.hypha.processor.model.PlannedTask;
import java.util.Optional;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * The Java names of one flow's generated code: the annotated class, {@code <Name>Flow} and its
 * nested types, the input and result types.
 */
final class FlowTypes {
  private final FlowPlan plan;
  private final ClassName flowClass;
  private final ClassName generated;

  FlowTypes(FlowPlan plan) {
    this.plan = plan;
    this.flowClass = ClassName.get(plan.flow().element());
    this.generated = generatedName(flowClass);
  }

  /**
   * {@code pkg.XFlow} for {@code pkg.X}; {@code pkg.Outer_InnerFlow} for {@code pkg.Outer.Inner}.
   */
  static ClassName generatedName(ClassName flowClass) {
    return ClassName.get(
        flowClass.packageName(), String.join("_", flowClass.simpleNames()) + "Flow");
  }

  ClassName flowClass() {
    return flowClass;
  }

  ClassName generated() {
    return generated;
  }

  ClassName definition() {
    return generated.nestedClass("Definition");
  }

  ClassName outputs() {
    return generated.nestedClass("Outputs");
  }

  /**
   * Whether the flow has several sinks with outputs, whose outputs make a {@code Result} record.
   */
  boolean hasResultRecord() {
    return plan.sinks().size() > 1;
  }

  ClassName resultRecord() {
    return generated.nestedClass("Result");
  }

  /**
   * The flow's result type: the single sink's boxed output ({@code Optional} of it when a branch
   * may skip the sink), the Result record, or Void.
   */
  TypeName result() {
    if (hasResultRecord()) {
      return resultRecord();
    }
    if (plan.sinks().isEmpty()) {
      return ClassName.get(Void.class);
    }
    PlannedTask sink = plan.sinks().get(0);
    return sink.mayBeAbsent() ? optional(sink) : output(sink);
  }

  /** The flow's input type, boxed; Void without {@code @Input}. */
  TypeName input() {
    return plan.input().map(type -> TypeName.get(type).box()).orElse(ClassName.get(Void.class));
  }

  /** The type {@code start(input)} takes: primitive when every {@code @Input} is that primitive. */
  TypeName startParameter() {
    return TypeName.get(plan.input().orElseThrow());
  }

  /** The boxed output type of {@code task}; {@code Void} for a void task. */
  TypeName output(PlannedTask task) {
    return boxed(task.task().output());
  }

  /** {@code Optional} of the boxed output type of {@code task}. */
  TypeName optional(PlannedTask task) {
    return ParameterizedTypeName.get(ClassName.get(Optional.class), output(task));
  }

  static TypeName boxed(TypeMirror type) {
    return type.getKind() == TypeKind.VOID ? ClassName.get(Void.class) : TypeName.get(type).box();
  }
}
