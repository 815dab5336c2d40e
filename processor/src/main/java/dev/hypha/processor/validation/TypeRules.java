package dev.hypha.processor.validation;

import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.PrimitiveType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * How the processor compares types: always through the compiler's {@link Types}, with primitives
 * boxed so that {@code int} and {@code Integer} bind to each other both ways.
 */
final class TypeRules {
  /** The type an {@code @OnFailure} parameter receives. */
  static final String TASK_ERROR = "dev.hypha.runtime.TaskError";

  private final Elements elements;
  private final Types types;
  private final TypeMirror voidType;

  TypeRules(Elements elements, Types types) {
    this.elements = elements;
    this.types = types;
    this.voidType = elements.getTypeElement("java.lang.Void").asType();
  }

  /** The type named {@code qualifiedName}, or null if it is not on the class path. */
  TypeMirror named(String qualifiedName) {
    TypeElement type = elements.getTypeElement(qualifiedName);
    return type == null ? null : type.asType();
  }

  /** {@code type}, boxed if primitive; {@code void} is {@code Void}. */
  TypeMirror boxed(TypeMirror type) {
    if (type.getKind() == TypeKind.VOID) {
      return voidType;
    }
    return type.getKind().isPrimitive() ? types.boxedClass((PrimitiveType) type).asType() : type;
  }

  /**
   * Whether an output of type {@code output} can be passed to a parameter of type {@code target}.
   */
  boolean isAssignable(TypeMirror output, TypeMirror target) {
    return types.isAssignable(boxed(output), boxed(target));
  }

  /** Whether {@code a} and {@code b} are the same type once boxed. */
  boolean isSameBoxed(TypeMirror a, TypeMirror b) {
    return types.isSameType(boxed(a), boxed(b));
  }

  /** The raw type inside {@code type} (itself, an element or a type argument), or null. */
  DeclaredType rawPart(TypeMirror type) {
    switch (type.getKind()) {
      case DECLARED:
        DeclaredType declared = (DeclaredType) type;
        TypeElement element = (TypeElement) declared.asElement();
        if (!element.getTypeParameters().isEmpty() && declared.getTypeArguments().isEmpty()) {
          return declared;
        }
        for (TypeMirror argument : declared.getTypeArguments()) {
          DeclaredType raw = rawPart(argument);
          if (raw != null) {
            return raw;
          }
        }
        return null;
      case ARRAY:
        return rawPart(((ArrayType) type).getComponentType());
      case WILDCARD:
        WildcardType wildcard = (WildcardType) type;
        TypeMirror bound =
            wildcard.getExtendsBound() != null
                ? wildcard.getExtendsBound()
                : wildcard.getSuperBound();
        return bound == null ? null : rawPart(bound);
      default:
        return null;
    }
  }

  /**
   * The canonical text of {@code type} for the shape hash: boxed, qualified names, no spaces and no
   * type annotations, so it depends only on the type.
   */
  String canonical(TypeMirror type) {
    TypeMirror boxed = boxed(type);
    switch (boxed.getKind()) {
      case DECLARED:
        DeclaredType declared = (DeclaredType) boxed;
        StringBuilder text =
            new StringBuilder(((TypeElement) declared.asElement()).getQualifiedName());
        if (!declared.getTypeArguments().isEmpty()) {
          text.append('<');
          for (int i = 0; i < declared.getTypeArguments().size(); i++) {
            text.append(i == 0 ? "" : ",").append(canonical(declared.getTypeArguments().get(i)));
          }
          text.append('>');
        }
        return text.toString();
      case ARRAY:
        TypeMirror component = ((ArrayType) boxed).getComponentType();
        return (component.getKind().isPrimitive() ? component.toString() : canonical(component))
            + "[]";
      case WILDCARD:
        WildcardType wildcard = (WildcardType) boxed;
        if (wildcard.getExtendsBound() != null) {
          return "? extends " + canonical(wildcard.getExtendsBound());
        }
        return wildcard.getSuperBound() != null
            ? "? super " + canonical(wildcard.getSuperBound())
            : "?";
      default:
        return boxed.toString();
    }
  }
}
