package dev.hypha.processor.model;

import dev.hypha.annotations.DependsOn;
import dev.hypha.annotations.Flow;
import dev.hypha.annotations.From;
import dev.hypha.annotations.Input;
import dev.hypha.annotations.Task;
import dev.hypha.processor.model.TaskModel.DependencyRef;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Reads a {@code @Flow} class into a {@link FlowModel}. Reads only: every judgement about what it
 * finds is left to validation.
 */
public final class FlowFactory {
  /** The type a task parameter declares to receive its run context. */
  public static final String TASK_CONTEXT = "dev.hypha.runtime.TaskContext";

  private final Types types;
  private final TypeMirror taskContext;

  public FlowFactory(Elements elements, Types types) {
    this.types = types;
    TypeElement context = elements.getTypeElement(TASK_CONTEXT);
    this.taskContext = context == null ? null : context.asType();
  }

  /** The model of {@code type}, which carries {@code @Flow}. */
  public FlowModel read(TypeElement type) {
    AnnotationMirror flow = Annotations.find(type, Flow.class);
    AnnotationValue nameValue = Annotations.explicitValue(flow, "name");
    String declared = Annotations.stringValue(flow, "name", "");
    String name =
        declared.isEmpty() ? FlowNames.defaultFlowName(type.getSimpleName().toString()) : declared;
    List<TaskModel> tasks = new ArrayList<>();
    for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
      AnnotationMirror task = Annotations.find(method, Task.class);
      if (task != null) {
        tasks.add(readTask(method, task));
      }
    }
    boolean unresolved =
        tasks.stream()
            .anyMatch(
                task ->
                    ErrorTypes.contains(task.output())
                        || task.parameters().stream()
                            .anyMatch(parameter -> ErrorTypes.contains(parameter.type())));
    return new FlowModel(
        type,
        flow,
        declared.isEmpty() ? null : nameValue,
        name,
        tasks,
        isInstantiable(type),
        unresolved);
  }

  private TaskModel readTask(ExecutableElement method, AnnotationMirror task) {
    String declared = Annotations.stringValue(task, "name", "");
    AnnotationMirror dependsOn = Annotations.find(method, DependsOn.class);
    List<DependencyRef> dependencies = new ArrayList<>();
    for (AnnotationValue value : Annotations.arrayValue(dependsOn, "value")) {
      if (value.getValue() instanceof String dependency) {
        dependencies.add(new DependencyRef(dependency, value));
      }
    }
    List<ParameterModel> parameters = new ArrayList<>();
    for (VariableElement parameter : method.getParameters()) {
      parameters.add(readParameter(parameter));
    }
    return new TaskModel(
        method,
        task,
        declared.isEmpty() ? null : Annotations.explicitValue(task, "name"),
        declared.isEmpty() ? method.getSimpleName().toString() : declared,
        Annotations.stringValue(task, "queue", "default"),
        Annotations.explicitValue(task, "queue"),
        method.getReturnType(),
        dependsOn,
        dependencies,
        parameters);
  }

  private ParameterModel readParameter(VariableElement parameter) {
    AnnotationMirror from = Annotations.find(parameter, From.class);
    AnnotationValue fromValue = Annotations.explicitValue(from, "value");
    TypeMirror type = parameter.asType();
    return new ParameterModel(
        parameter,
        type,
        Annotations.find(parameter, Input.class),
        from,
        fromValue,
        fromValue != null && fromValue.getValue() instanceof String name ? name : null,
        taskContext != null && types.isSameType(type, taskContext));
  }

  private static boolean isInstantiable(TypeElement type) {
    if (type.getModifiers().contains(Modifier.ABSTRACT)) {
      return false;
    }
    for (ExecutableElement constructor : ElementFilter.constructorsIn(type.getEnclosedElements())) {
      if (constructor.getModifiers().contains(Modifier.PUBLIC)
          && constructor.getParameters().isEmpty()
          && constructor.getThrownTypes().isEmpty()) {
        return true;
      }
    }
    return false;
  }
}
