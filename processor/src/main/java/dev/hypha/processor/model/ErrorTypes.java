package dev.hypha.processor.model;

import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;

/**
 * Finds types the compiler could not resolve yet, typically classes another processor generates in
 * a later round; see {@link Unresolved}.
 */
final class ErrorTypes {
  private ErrorTypes() {}

  /** Whether {@code type} is, or has among its type arguments, an unresolved type. */
  static boolean contains(TypeMirror type) {
    if (type == null) {
      return false;
    }
    switch (type.getKind()) {
      case ERROR:
        return true;
      case ARRAY:
        return contains(((ArrayType) type).getComponentType());
      case WILDCARD:
        WildcardType wildcard = (WildcardType) type;
        return contains(wildcard.getExtendsBound()) || contains(wildcard.getSuperBound());
      case DECLARED:
        for (TypeMirror argument : ((DeclaredType) type).getTypeArguments()) {
          if (contains(argument)) {
            return true;
          }
        }
        return false;
      default:
        return false;
    }
  }
}
