package dev.hypha.processor.validation;

import dev.hypha.processor.model.Binding;
import dev.hypha.processor.model.ParameterModel;
import dev.hypha.processor.model.TaskModel;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * How a parameter can read the output {@code O} of a dependency. Plainly when {@code O} is
 * assignable to the parameter; otherwise as a branch or a join:
 *
 * <ul>
 *   <li>{@link Binding.Present}: {@code O} is {@code Optional<T>} and the parameter takes {@code
 *       T};
 *   <li>{@link Binding.Variant}: {@code O} is sealed and the parameter's type is a proper subtype;
 *   <li>{@link Binding.OptionalOutput}: the parameter is {@code Optional<U>} and {@code O} fits
 *       {@code U}.
 * </ul>
 *
 * <p>A {@code @ForEach} parameter reads one element of a {@code List} output instead ({@link
 * #element}): any element assignable to it, or, when the element type is sealed and the parameter
 * takes one of its subtypes, the elements of that subtype (a route, as a variant is a branch).
 */
final class OutputMatch {
  private final TypeRules rules;

  OutputMatch(TypeRules rules) {
    this.rules = rules;
  }

  /** How {@code parameter} reads {@code source}'s output, or null when it cannot. */
  Binding.FromTask any(TaskModel source, ParameterModel parameter) {
    Binding.FromTask plain = plain(source, parameter);
    return plain != null ? plain : branch(source, parameter);
  }

  /** The plain binding when {@code source}'s output is assignable to {@code parameter}, or null. */
  Binding.FromTask plain(TaskModel source, ParameterModel parameter) {
    return rules.isAssignable(source.output(), parameter.type())
        ? new Binding.Output(source.name())
        : null;
  }

  /**
   * A branch or join binding when {@code parameter} reads {@code source}'s output in one of the
   * other ways, or null; assumes the plain binding does not fit.
   */
  Binding.FromTask branch(TaskModel source, ParameterModel parameter) {
    TypeMirror output = source.output();
    TypeMirror type = parameter.type();
    TypeMirror value = rules.optionalValue(output);
    if (value != null && rules.isAssignable(rules.valueBound(value), type)) {
      return new Binding.Present(source.name());
    }
    if (isVariant(type, output)) {
      return new Binding.Variant(source.name(), type);
    }
    TypeMirror wanted = rules.optionalValue(type);
    if (wanted != null && rules.isAssignable(output, rules.valueBound(wanted))) {
      return new Binding.OptionalOutput(source.name(), rules.valueBound(wanted));
    }
    return null;
  }

  /**
   * The binding of a {@code @ForEach} parameter when {@code source}'s output is a {@code List}
   * whose elements are assignable to it, or else whose element type is sealed and the parameter's
   * type one of its subtypes (a route); null when neither.
   */
  Binding.Element element(TaskModel source, ParameterModel parameter) {
    TypeMirror element = rules.listElement(source.output());
    if (element == null) {
      return null;
    }
    if (rules.isAssignable(element, parameter.type())) {
      return new Binding.Element(source.name(), element, null);
    }
    return isVariant(parameter.type(), element)
        ? new Binding.Element(source.name(), element, parameter.type())
        : null;
  }

  /**
   * Whether {@code source}'s output is an {@code Optional} of a {@code List} whose elements a
   * {@code @ForEach} {@code parameter} would take (all of them or a subtype): a list only on a
   * branch, which a fan-out cannot take.
   */
  boolean elementOnBranch(TaskModel source, ParameterModel parameter) {
    TypeMirror value = rules.optionalValue(source.output());
    TypeMirror element = value == null ? null : rules.listElement(rules.valueBound(value));
    return element != null
        && (rules.isAssignable(element, parameter.type()) || isVariant(parameter.type(), element));
  }

  /**
   * The element type of {@code source}'s list when it is a proper supertype of {@code parameter}'s
   * type that is not sealed (nor {@code Object}), so that the {@code @ForEach} parameter would
   * route its elements by subtype if it were; else null.
   */
  TypeMirror unsealedElement(TaskModel source, ParameterModel parameter) {
    TypeMirror element = rules.listElement(source.output());
    return element != null
            && element.getKind() == TypeKind.DECLARED
            && !rules.isSealed(element)
            && !rules.isObject(element)
            && parameter.type().getKind() == TypeKind.DECLARED
            && rules.isAssignable(parameter.type(), element)
        ? element
        : null;
  }

  /**
   * Whether {@code type} is a subtype of the sealed type {@code sealed}; a proper one, as callers
   * ask only once {@code sealed} turned out not to be assignable to {@code type}.
   */
  private boolean isVariant(TypeMirror type, TypeMirror sealed) {
    return rules.isSealed(sealed)
        && type.getKind() == TypeKind.DECLARED
        && rules.isAssignable(type, sealed);
  }
}
