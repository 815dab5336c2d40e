package dev.hypha.processor.model;

import dev.hypha.processor.model.HandlerModel.Kind;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.type.TypeMirror;

/**
 * Finds what a flow mentions that the compiler has not resolved yet: a type another processor
 * generates in a later round, or a class literal of a class that does not exist (yet). Such a flow
 * is read again in the next round; past the last one, javac reports the missing type itself.
 */
final class Unresolved {
  private Unresolved() {}

  /** Whether the flow made of {@code tasks}, {@code handlers} and {@code flowRetry} has any. */
  static boolean in(List<TaskModel> tasks, List<HandlerModel> handlers, RetryModel flowRetry) {
    List<TypeMirror> mentioned = new ArrayList<>();
    List<RetryModel> retries = new ArrayList<>();
    boolean missingLiteral = false;
    for (TaskModel task : tasks) {
      mentioned.add(task.output());
      mentioned.add(task.returnType());
      task.parameters().forEach(parameter -> mentioned.add(parameter.type()));
      retries.add(task.retry());
    }
    for (HandlerModel handler : handlers) {
      mentioned.add(handler.method().getReturnType());
      handler.parameters().forEach(parameter -> mentioned.add(parameter.type()));
      handler.exceptions().forEach(exception -> mentioned.add(exception.type()));
      missingLiteral |=
          handler.kind() == Kind.FAULT && missingLiteral(handler.annotation(), "value");
      retries.add(handler.retry());
    }
    retries.add(flowRetry);
    for (RetryModel retry : retries) {
      if (retry != null) {
        retry.retryOn().forEach(type -> mentioned.add(type.type()));
        retry.abortOn().forEach(type -> mentioned.add(type.type()));
        missingLiteral |=
            missingLiteral(retry.annotation(), "retryOn")
                || missingLiteral(retry.annotation(), "abortOn");
      }
    }
    return missingLiteral || mentioned.stream().anyMatch(ErrorTypes::contains);
  }

  /**
   * Whether a class literal of array attribute {@code name} names no class: javac gives such a
   * value no type at all, so it is missing from the model's lists.
   */
  private static boolean missingLiteral(AnnotationMirror mirror, String name) {
    return Annotations.arrayValue(mirror, name).stream()
        .anyMatch(value -> !(value.getValue() instanceof TypeMirror));
  }
}
