package dev.hypha.processor.writer;

import static javax.lang.model.element.Modifier.FINAL;
import static javax.lang.model.element.Modifier.PRIVATE;
import static javax.lang.model.element.Modifier.PUBLIC;
import static javax.lang.model.element.Modifier.STATIC;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.WildcardTypeName;
import dev.hypha.processor.model.FlowPlan;
import dev.hypha.processor.model.PlannedTask;
import java.util.Optional;

/** Writes the nested {@code Outputs} class: one typed accessor per task that has an output. */
final class OutputsSpec {
  private static final TypeName ANY_BINDING =
      ParameterizedTypeName.get(
          RuntimeTypes.FLOW_BINDING,
          WildcardTypeName.subtypeOf(Object.class),
          WildcardTypeName.subtypeOf(Object.class));

  private OutputsSpec() {}

  static TypeSpec of(FlowPlan plan, FlowTypes types) {
    TypeSpec.Builder type =
        TypeSpec.classBuilder(types.outputs())
            .addModifiers(PUBLIC, STATIC, FINAL)
            .addJavadoc("The recorded task outputs of one run; each is empty until its task has\n")
            .addJavadoc("succeeded, or a fault handler recovered it.\n");
    addState(type);
    addRunId(type);
    NameAllocator names = JavaNames.allocator("runId");
    for (PlannedTask task : plan.tasks()) {
      if (!task.task().isVoid()) {
        addOutput(type, task, types, names.newName(JavaNames.member(task.name())));
      }
    }
    return type.build();
  }

  private static void addState(TypeSpec.Builder type) {
    type.addField(ANY_BINDING, "binding", PRIVATE, FINAL)
        .addField(RuntimeTypes.RUN_ID, "id", PRIVATE, FINAL)
        .addMethod(
            MethodSpec.constructorBuilder()
                .addModifiers(PRIVATE)
                .addParameter(ANY_BINDING, "binding")
                .addParameter(RuntimeTypes.RUN_ID, "id")
                .addStatement("this.binding = binding")
                .addStatement("this.id = id")
                .build());
  }

  private static void addRunId(TypeSpec.Builder type) {
    type.addMethod(
        MethodSpec.methodBuilder("runId")
            .addJavadoc("The run these outputs belong to.\n")
            .addModifiers(PUBLIC)
            .returns(RuntimeTypes.RUN_ID)
            .addStatement("return id")
            .build());
  }

  private static void addOutput(
      TypeSpec.Builder type, PlannedTask task, FlowTypes types, String method) {
    type.addMethod(
        MethodSpec.methodBuilder(method)
            .addJavadoc(
                task.mayBeAbsent()
                    ? "The output of task {@code $L}; empty also when a branch skipped it.\n"
                    : "The output of task {@code $L}.\n",
                task.name())
            .addModifiers(PUBLIC)
            .returns(ParameterizedTypeName.get(ClassName.get(Optional.class), types.output(task)))
            .addStatement("return binding.output(id, $L)", task.index())
            .build());
  }
}
