package dev.hypha.runtime.spi;

import java.util.Objects;
import java.util.Optional;

/**
 * The condition on one dependency edge of a branch: the dependent runs only when the dependency's
 * output passes it, and is SKIPPED as <i>not taken</i> otherwise. Generated code makes one from the
 * dependent's parameter type: {@link #present()} for a parameter {@code T} bound to an output
 * {@code Optional<T>}, {@link #instanceOf(Class)} for a parameter whose type is one permitted
 * subtype of a sealed output type.
 *
 * <p>Immutable and thread-safe.
 */
public final class Guard {
  private static final Guard PRESENT = new Guard(null);

  private final Class<?> type;

  private Guard(Class<?> type) {
    this.type = type;
  }

  /** Taken when the dependency's {@code Optional} output holds a value. */
  public static Guard present() {
    return PRESENT;
  }

  /** Taken when the dependency's output is an instance of {@code type}. */
  public static Guard instanceOf(Class<?> type) {
    return new Guard(Objects.requireNonNull(type, "type"));
  }

  /** Whether {@code output}, the dependency's output as its method returned it, takes the edge. */
  public boolean test(Object output) {
    if (type == null) {
      return output instanceof Optional<?> optional && optional.isPresent();
    }
    return type.isInstance(output);
  }

  /** What the edge needs: {@code present}, or a type's simple name. */
  public String describe() {
    return type == null ? "present" : type.getSimpleName();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Guard guard && Objects.equals(guard.type, type);
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(type);
  }

  @Override
  public String toString() {
    return "Guard[" + describe() + "]";
  }
}
