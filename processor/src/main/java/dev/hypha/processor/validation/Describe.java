package dev.hypha.processor.validation;

import dev.hypha.processor.model.HandlerModel;
import dev.hypha.processor.model.TaskModel;
import java.util.List;
import java.util.stream.Collectors;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;

/** Short, readable names of elements and types for messages: simple names, no packages. */
public final class Describe {
  private Describe() {}

  /** {@code Outer.Inner} for a nested class, {@code Orders} for a top-level one. */
  public static String type(TypeElement type) {
    String name = type.getSimpleName().toString();
    Element enclosing = type.getEnclosingElement();
    return enclosing instanceof TypeElement outer ? type(outer) + "." + name : name;
  }

  /** {@code load()}; a constructor reads as its class name. */
  public static String method(ExecutableElement method) {
    if (method.getKind() == ElementKind.CONSTRUCTOR) {
      return method.getEnclosingElement().getSimpleName() + "()";
    }
    return method.getSimpleName() + "()";
  }

  /** {@code @Compensates method release()}. */
  public static String handler(HandlerModel handler) {
    return handler.kind().display() + " method " + method(handler.method());
  }

  /** {@code "load" (Order)}: a task's name and its output type. */
  public static String output(TaskModel task) {
    return "\"" + task.name() + "\" (" + type(task.output()) + ")";
  }

  /** {@code List<Map<String, Integer>>}, {@code int}, {@code ? extends Number}. */
  public static String type(TypeMirror type) {
    switch (type.getKind()) {
      case DECLARED:
        DeclaredType declared = (DeclaredType) type;
        String name = type((TypeElement) declared.asElement());
        List<? extends TypeMirror> arguments = declared.getTypeArguments();
        return arguments.isEmpty()
            ? name
            : name
                + arguments.stream()
                    .map(Describe::type)
                    .collect(Collectors.joining(", ", "<", ">"));
      case ARRAY:
        return type(((ArrayType) type).getComponentType()) + "[]";
      case WILDCARD:
        WildcardType wildcard = (WildcardType) type;
        if (wildcard.getExtendsBound() != null) {
          return "? extends " + type(wildcard.getExtendsBound());
        }
        return wildcard.getSuperBound() != null ? "? super " + type(wildcard.getSuperBound()) : "?";
      default:
        return type.toString();
    }
  }
}
