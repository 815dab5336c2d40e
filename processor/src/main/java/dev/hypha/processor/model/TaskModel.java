package dev.hypha.processor.model;

import java.util.List;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * A {@code @Task} method as read from the source.
 *
 * @param method the annotated method
 * @param annotation its {@code @Task} annotation
 * @param nameValue the {@code name} attribute when written out, else null
 * @param name the declared name, or the method name
 * @param queue the queue, {@code "default"} unless declared
 * @param queueValue the {@code queue} attribute when written out, else null
 * @param output the task's output as its dependents, handlers and the result see it: the method's
 *     return type, {@code void} included; for a task that fans out ({@link #fansOut()}) the {@code
 *     java.util.List} of the boxed return type, which holds its instances' outputs, or {@code
 *     void}; for a method that returns {@code dev.hypha.runtime.Step<S, R>}, a loop's iteration,
 *     the result {@code R} ({@code void} for {@code Void}); for a method that returns {@code
 *     dev.hypha.runtime.SubFlow<R>}, a child run, the child flow's result {@code R} ({@code void}
 *     for {@code Void}); a wildcard gives its upper bound
 * @param startsSubFlow whether the method returns {@code dev.hypha.runtime.SubFlow}, with a type
 *     argument or raw: the task starts a run of another flow as its child and ends when it ends
 * @param dependsOnAnnotation the {@code @DependsOn} annotation, or null
 * @param dependsOn the names listed in {@code @DependsOn}, in order, repeats included
 * @param parameters the method's parameters in order
 * @param retry its {@code @Retry}, or null
 * @param timeout its {@code @Timeout}, or null
 * @param delay its {@code @Delay}, or null
 */
public record TaskModel(
    ExecutableElement method,
    AnnotationMirror annotation,
    AnnotationValue nameValue,
    String name,
    String queue,
    AnnotationValue queueValue,
    TypeMirror output,
    boolean startsSubFlow,
    AnnotationMirror dependsOnAnnotation,
    List<DependencyRef> dependsOn,
    List<ParameterModel> parameters,
    RetryModel retry,
    DurationValue timeout,
    DurationValue delay) {

  public TaskModel {
    dependsOn = List.copyOf(dependsOn);
    parameters = List.copyOf(parameters);
  }

  /** Whether the method returns nothing: the task only orders the tasks after it. */
  public boolean isVoid() {
    return output.getKind() == TypeKind.VOID;
  }

  /**
   * Whether a parameter carries {@code @ForEach}: the task runs once per element of a list, and its
   * output is the list of what the instances return.
   */
  public boolean fansOut() {
    return parameters.stream().anyMatch(ParameterModel::isForEach);
  }

  /**
   * Whether a parameter carries {@code @Loop}: the task runs again with each state an iteration
   * hands on, and its output is the result of the one that is done.
   */
  public boolean loops() {
    return parameters.stream().anyMatch(ParameterModel::isLoop);
  }

  /**
   * What one call of the method returns: the task's {@link #output()}; for a task that fans out the
   * output of one instance; for a loop the {@code Step} of one iteration; for a task that starts a
   * sub-flow the {@code SubFlow}.
   */
  public TypeMirror returnType() {
    return method.getReturnType();
  }

  /** The Java method's simple name. */
  public String methodName() {
    return method.getSimpleName().toString();
  }

  /** The names listed in {@code @DependsOn}, in order, repeats included. */
  public List<String> dependencyNames() {
    return dependsOn.stream().map(DependencyRef::name).toList();
  }

  /** One name listed in {@code @DependsOn}, with the array element it was written as. */
  public record DependencyRef(String name, AnnotationValue value) {}
}
