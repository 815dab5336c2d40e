package dev.hypha.processor.model;

import dev.hypha.annotations.DependsOn;
import dev.hypha.annotations.Flow;
import dev.hypha.annotations.ForEach;
import dev.hypha.annotations.From;
import dev.hypha.annotations.Input;
import dev.hypha.annotations.Loop;
import dev.hypha.annotations.Signal;
import dev.hypha.annotations.Task;
import dev.hypha.annotations.WaitUntil;
import dev.hypha.processor.model.HandlerModel.Kind;
import dev.hypha.processor.model.TaskModel.DependencyRef;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.PrimitiveType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
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

  /** The type a loop's task returns from each iteration. */
  public static final String STEP = "dev.hypha.runtime.Step";

  /** The type a task returns to start a run of another flow as its child. */
  public static final String SUB_FLOW = "dev.hypha.runtime.SubFlow";

  private final Types types;
  private final TypeElement list;
  private final TypeElement step;
  private final TypeElement subFlow;
  private final TypeMirror object;
  private final TypeMirror voidType;
  private final TypeMirror taskContext;
  private final PolicyReader policies;

  public FlowFactory(Elements elements, Types types) {
    this.types = types;
    this.list = elements.getTypeElement("java.util.List");
    this.step = elements.getTypeElement(STEP);
    this.subFlow = elements.getTypeElement(SUB_FLOW);
    this.object = elements.getTypeElement("java.lang.Object").asType();
    this.voidType = elements.getTypeElement("java.lang.Void").asType();
    TypeElement context = elements.getTypeElement(TASK_CONTEXT);
    this.taskContext = context == null ? null : context.asType();
    this.policies = new PolicyReader(elements);
  }

  /** The model of {@code type}, which carries {@code @Flow}. */
  public FlowModel read(TypeElement type) {
    AnnotationMirror flow = Annotations.find(type, Flow.class);
    AnnotationValue nameValue = Annotations.explicitValue(flow, "name");
    String declared = Annotations.stringValue(flow, "name", "");
    String name =
        declared.isEmpty() ? FlowNames.defaultFlowName(type.getSimpleName().toString()) : declared;
    List<TaskModel> tasks = new ArrayList<>();
    List<HandlerModel> handlers = new ArrayList<>();
    for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
      AnnotationMirror task = Annotations.find(method, Task.class);
      if (task != null) {
        tasks.add(readTask(method, task));
      }
      for (Kind kind : Kind.values()) {
        AnnotationMirror handler = Annotations.find(method, kind.annotation());
        if (handler != null) {
          handlers.add(readHandler(kind, method, handler));
        }
      }
    }
    RetryModel retry = policies.retry(type);
    return new FlowModel(
        type,
        flow,
        declared.isEmpty() ? null : nameValue,
        name,
        tasks,
        handlers,
        retry,
        policies.deadline(type),
        Annotations.booleanValue(flow, "compensateOnCancel"),
        isInstantiable(type),
        Unresolved.in(tasks, handlers, retry));
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
    List<ParameterModel> parameters = readParameters(method);
    return new TaskModel(
        method,
        task,
        declared.isEmpty() ? null : Annotations.explicitValue(task, "name"),
        declared.isEmpty() ? method.getSimpleName().toString() : declared,
        Annotations.stringValue(task, "queue", "default"),
        Annotations.explicitValue(task, "queue"),
        output(method.getReturnType(), parameters),
        isSubFlow(method.getReturnType()),
        dependsOn,
        dependencies,
        parameters,
        policies.retry(method),
        policies.timeout(method),
        policies.delay(method));
  }

  /**
   * The output of a task whose method returns {@code returned}, as everybody but the method's
   * caller sees it. For {@code Step<S, R>}, a loop's iteration, the result {@code R}, since a
   * loop's output is the result of the iteration that was done; for {@code SubFlow<R>}, a child run
   * the task starts, the child flow's result {@code R}, since the task ends with it. A wildcard
   * gives its upper bound, and {@code Void} gives {@code void}: a loop without a result, a child
   * flow without one. Else the {@code List} of the boxed type when a parameter carries
   * {@code @ForEach}, since the task's output is then the list of its instances' outputs. Else that
   * type; a void method stays void.
   */
  private TypeMirror output(TypeMirror returned, List<ParameterModel> parameters) {
    TypeMirror result = typeArgument(returned, step, 2, 1);
    if (result == null) {
      result = typeArgument(returned, subFlow, 1, 0);
    }
    if (result != null) {
      return types.isSameType(result, voidType) ? types.getNoType(TypeKind.VOID) : result;
    }
    if (returned.getKind() == TypeKind.VOID
        || parameters.stream().noneMatch(ParameterModel::isForEach)) {
      return returned;
    }
    return types.getDeclaredType(list, boxed(returned));
  }

  /**
   * Type argument {@code index} of {@code type} if it is {@code generic} with its {@code count}
   * type arguments, a wildcard's upper bound ({@code Object} for none); else null, a raw type
   * included.
   */
  private TypeMirror typeArgument(TypeMirror type, TypeElement generic, int count, int index) {
    if (generic == null || type.getKind() != TypeKind.DECLARED) {
      return null;
    }
    DeclaredType declared = (DeclaredType) type;
    if (!declared.asElement().equals(generic) || declared.getTypeArguments().size() != count) {
      return null;
    }
    TypeMirror argument = declared.getTypeArguments().get(index);
    if (argument.getKind() == TypeKind.WILDCARD) {
      TypeMirror bound = ((WildcardType) argument).getExtendsBound();
      return bound != null ? bound : object;
    }
    return argument;
  }

  /** Whether {@code returned} is {@code dev.hypha.runtime.SubFlow}, with a type argument or raw. */
  private boolean isSubFlow(TypeMirror returned) {
    return subFlow != null
        && returned.getKind() == TypeKind.DECLARED
        && ((DeclaredType) returned).asElement().equals(subFlow);
  }

  private TypeMirror boxed(TypeMirror type) {
    return type.getKind().isPrimitive() ? types.boxedClass((PrimitiveType) type).asType() : type;
  }

  private HandlerModel readHandler(Kind kind, ExecutableElement method, AnnotationMirror handler) {
    String attribute = kind.taskAttribute();
    return new HandlerModel(
        kind,
        method,
        handler,
        attribute == null ? null : Annotations.stringValue(handler, attribute, ""),
        attribute == null ? null : Annotations.explicitValue(handler, attribute),
        kind == Kind.FAULT ? PolicyReader.types(handler, "value") : List.of(),
        kind == Kind.COMPENSATION ? policies.retry(method) : null,
        readParameters(method));
  }

  private List<ParameterModel> readParameters(ExecutableElement method) {
    List<ParameterModel> parameters = new ArrayList<>();
    for (VariableElement parameter : method.getParameters()) {
      parameters.add(readParameter(parameter));
    }
    return parameters;
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
        taskContext != null && types.isSameType(type, taskContext),
        Annotations.find(parameter, WaitUntil.class),
        Annotations.find(parameter, ForEach.class),
        Annotations.find(parameter, Loop.class),
        readSignal(parameter));
  }

  /** The {@code @Signal} on {@code parameter}, or null; its timeout is null when empty. */
  private static SignalModel readSignal(VariableElement parameter) {
    AnnotationMirror signal = Annotations.find(parameter, Signal.class);
    if (signal == null) {
      return null;
    }
    String timeout = Annotations.stringValue(signal, "timeout", "");
    return new SignalModel(
        signal,
        Annotations.stringValue(signal, "value", ""),
        Annotations.explicitValue(signal, "value"),
        timeout.isEmpty()
            ? null
            : new DurationValue(
                parameter,
                signal,
                Annotations.explicitValue(signal, "timeout"),
                "@Signal timeout",
                timeout),
        Annotations.stringValue(signal, "when", ""),
        Annotations.explicitValue(signal, "when"));
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
