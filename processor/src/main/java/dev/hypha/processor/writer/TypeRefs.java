package dev.hypha.processor.writer;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;

/**
 * Writes the expression of a {@code TypeRef}: {@code TypeRef.of(Order.class)} for a plain class or
 * array, {@code new TypeRef<List<Order>>() {}} for anything with type arguments, so the runtime
 * keeps the full generic type.
 */
final class TypeRefs {
  private TypeRefs() {}

  /** The {@code TypeRef} of {@code type}, which is boxed already. */
  static CodeBlock of(TypeName type) {
    if (isReifiable(type)) {
      return CodeBlock.of("$T.of($T.class)", RuntimeTypes.TYPE_REF, type);
    }
    return CodeBlock.of("new $T<$T>() {}", RuntimeTypes.TYPE_REF, type);
  }

  /** Whether {@code type} has a class literal: a class, or an array of classes or primitives. */
  private static boolean isReifiable(TypeName type) {
    if (type instanceof ArrayTypeName array) {
      return array.componentType().isPrimitive() || isReifiable(array.componentType());
    }
    return type instanceof ClassName;
  }
}
