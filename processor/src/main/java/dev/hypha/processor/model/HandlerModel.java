package dev.hypha.processor.model;

import dev.hypha.annotations.Compensates;
import dev.hypha.annotations.OnFailure;
import dev.hypha.annotations.OnFault;
import dev.hypha.annotations.OnSuccess;
import java.lang.annotation.Annotation;
import java.util.List;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.type.TypeKind;

/**
 * A method of a {@code @Flow} class that the runtime calls on some occasion rather than as a task:
 * a compensation, a fault handler or a callback, as read from the source. A method with two such
 * annotations is read as two handlers (and reported by validation).
 *
 * @param kind which annotation makes it a handler
 * @param method the annotated method
 * @param annotation that annotation
 * @param task the task it compensates or handles faults of; null for callbacks
 * @param taskValue the attribute naming that task, for messages; null for callbacks
 * @param exceptions the exception types a fault handler handles, in order; empty for other kinds
 * @param retry the {@code @Retry} of a compensation, or null
 * @param parameters the method's parameters in order
 */
public record HandlerModel(
    Kind kind,
    ExecutableElement method,
    AnnotationMirror annotation,
    String task,
    AnnotationValue taskValue,
    List<TypeValue> exceptions,
    RetryModel retry,
    List<ParameterModel> parameters) {

  public HandlerModel {
    exceptions = List.copyOf(exceptions);
    parameters = List.copyOf(parameters);
  }

  /** The Java method's simple name. */
  public String methodName() {
    return method.getSimpleName().toString();
  }

  /** Whether the method returns nothing. */
  public boolean isVoid() {
    return method.getReturnType().getKind() == TypeKind.VOID;
  }

  /** The annotations that make a method a handler, in the order they are read. */
  public enum Kind {
    /** {@code @Compensates}: undoes a succeeded task when the run fails. */
    COMPENSATION(Compensates.class, "value"),
    /** {@code @OnFault}: stands in for a task that failed with some exceptions. */
    FAULT(OnFault.class, "task"),
    /** {@code @OnSuccess}: called once when a run succeeds. */
    ON_SUCCESS(OnSuccess.class, null),
    /** {@code @OnFailure}: called once when a run fails. */
    ON_FAILURE(OnFailure.class, null);

    private final Class<? extends Annotation> annotation;
    private final String taskAttribute;

    Kind(Class<? extends Annotation> annotation, String taskAttribute) {
      this.annotation = annotation;
      this.taskAttribute = taskAttribute;
    }

    public Class<? extends Annotation> annotation() {
      return annotation;
    }

    /** The attribute that names the task, or null for callbacks. */
    public String taskAttribute() {
      return taskAttribute;
    }

    /** {@code @Compensates}, for messages. */
    public String display() {
      return "@" + annotation.getSimpleName();
    }
  }
}
