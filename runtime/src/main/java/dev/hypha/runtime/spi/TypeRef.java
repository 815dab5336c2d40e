package dev.hypha.runtime.spi;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Objects;

/**
 * The full generic type of a task's output or a flow's input, kept at run time so values are read
 * back from JSON as exactly what the method declared. Plain classes use {@link #of(Class)};
 * parameterized types are captured by an anonymous subclass: {@code new TypeRef<List<Order>>() {}}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param <T> the referenced type
 */
public abstract class TypeRef<T> {
  private final Type type;

  /** Captures {@code T} from the anonymous subclass's type argument. */
  protected TypeRef() {
    Type superclass = getClass().getGenericSuperclass();
    if (!(superclass instanceof ParameterizedType parameterized)) {
      throw new IllegalStateException(
          "TypeRef must be created with a type argument: new TypeRef<List<String>>() {}");
    }
    this.type = parameterized.getActualTypeArguments()[0];
  }

  private TypeRef(Type type) {
    this.type = Objects.requireNonNull(type, "type");
  }

  /** A reference to a plain, non-generic class. */
  public static <T> TypeRef<T> of(Class<T> type) {
    return new ClassRef<>(type);
  }

  /** The referenced type, a {@link Class} or a {@link ParameterizedType}. */
  public final Type type() {
    return type;
  }

  /** Whether this is {@link Void}, the output of a task that returns nothing. */
  public final boolean isVoid() {
    return type == Void.class || type == void.class;
  }

  @Override
  public final boolean equals(Object other) {
    return other instanceof TypeRef<?> ref && ref.type.equals(type);
  }

  @Override
  public final int hashCode() {
    return type.hashCode();
  }

  @Override
  public final String toString() {
    return type.getTypeName();
  }

  private static final class ClassRef<T> extends TypeRef<T> {
    ClassRef(Class<T> type) {
      super(type);
    }
  }
}
