package dev.hypha.processor.validation;

import dev.hypha.processor.model.FlowFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.PrimitiveType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.ElementFilter;
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
  private final TypeElement optional;
  private final TypeElement list;
  private final TypeElement step;
  private final TypeElement subFlow;

  TypeRules(Elements elements, Types types) {
    this.elements = elements;
    this.types = types;
    this.voidType = elements.getTypeElement("java.lang.Void").asType();
    this.optional = elements.getTypeElement("java.util.Optional");
    this.list = elements.getTypeElement("java.util.List");
    this.step = elements.getTypeElement(FlowFactory.STEP);
    this.subFlow = elements.getTypeElement(FlowFactory.SUB_FLOW);
  }

  /** The type named {@code qualifiedName}, or null if it is not on the class path. */
  TypeMirror named(String qualifiedName) {
    TypeElement type = elements.getTypeElement(qualifiedName);
    return type == null ? null : type.asType();
  }

  /** The methods of {@code type}, those it inherits included. */
  List<ExecutableElement> methods(TypeElement type) {
    return ElementFilter.methodsIn(elements.getAllMembers(type));
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

  /**
   * The type argument of {@code type} if it is a {@code java.util.Optional<T>}, a wildcard
   * included; else null.
   */
  TypeMirror optionalValue(TypeMirror type) {
    if (type.getKind() != TypeKind.DECLARED) {
      return null;
    }
    DeclaredType declared = (DeclaredType) type;
    return declared.asElement().equals(optional) && declared.getTypeArguments().size() == 1
        ? declared.getTypeArguments().get(0)
        : null;
  }

  /**
   * What one element of {@code type} is, if {@code type} is a {@code java.util.List<X>}: {@code X};
   * for a wildcard, its upper bound ({@code Object} for {@code ?} and {@code ? super L}, whose
   * elements may be any object). Null for any other type, a raw {@code List} included.
   */
  TypeMirror listElement(TypeMirror type) {
    if (type.getKind() != TypeKind.DECLARED) {
      return null;
    }
    DeclaredType declared = (DeclaredType) type;
    if (!declared.asElement().equals(list) || declared.getTypeArguments().size() != 1) {
      return null;
    }
    TypeMirror argument = declared.getTypeArguments().get(0);
    if (argument.getKind() != TypeKind.WILDCARD) {
      return argument;
    }
    TypeMirror bound = ((WildcardType) argument).getExtendsBound();
    return bound != null ? bound : elements.getTypeElement("java.lang.Object").asType();
  }

  /**
   * A type argument as a value it stands for: the bound of {@code ? extends B} or {@code ? super
   * L}, {@code Object} for {@code ?}, else the argument itself.
   */
  TypeMirror valueBound(TypeMirror argument) {
    if (argument.getKind() != TypeKind.WILDCARD) {
      return argument;
    }
    WildcardType wildcard = (WildcardType) argument;
    if (wildcard.getExtendsBound() != null) {
      return wildcard.getExtendsBound();
    }
    return wildcard.getSuperBound() != null
        ? wildcard.getSuperBound()
        : elements.getTypeElement("java.lang.Object").asType();
  }

  /** Whether {@code type} is {@code dev.hypha.runtime.Step}, with type arguments or raw. */
  boolean isStep(TypeMirror type) {
    return step != null
        && type.getKind() == TypeKind.DECLARED
        && ((DeclaredType) type).asElement().equals(step);
  }

  /**
   * The type arguments {@code S} and {@code R} of {@code type} if it is a {@code Step<S, R>}; empty
   * for any other type, a raw {@code Step} included.
   */
  List<? extends TypeMirror> stepArguments(TypeMirror type) {
    return isStep(type) ? ((DeclaredType) type).getTypeArguments() : List.of();
  }

  /** Whether {@code type} is {@code dev.hypha.runtime.SubFlow}, with a type argument or raw. */
  boolean isSubFlow(TypeMirror type) {
    return subFlow != null
        && type.getKind() == TypeKind.DECLARED
        && ((DeclaredType) type).asElement().equals(subFlow);
  }

  /**
   * The type argument {@code R} of {@code type} if it is a {@code SubFlow<R>}, a wildcard included;
   * null for any other type, a raw {@code SubFlow} included.
   */
  TypeMirror subFlowArgument(TypeMirror type) {
    if (!isSubFlow(type)) {
      return null;
    }
    List<? extends TypeMirror> arguments = ((DeclaredType) type).getTypeArguments();
    return arguments.size() == 1 ? arguments.get(0) : null;
  }

  /**
   * The first {@code SubFlow} inside {@code type}: in a type argument, an array's component or a
   * wildcard's bound, at any depth; {@code type} itself does not count. Null when there is none.
   */
  DeclaredType nestedSubFlow(TypeMirror type) {
    return inside(type, this::isSubFlow);
  }

  /** {@code Optional<type>}, {@code type} boxed. */
  TypeMirror optionalOf(TypeMirror type) {
    return types.getDeclaredType(optional, boxed(type));
  }

  /** Whether {@code type} is a sealed class or interface. */
  boolean isSealed(TypeMirror type) {
    return type.getKind() == TypeKind.DECLARED
        && ((DeclaredType) type).asElement().getModifiers().contains(Modifier.SEALED);
  }

  /** Whether {@code type} is {@code java.lang.Object}. */
  boolean isObject(TypeMirror type) {
    return types.isSameType(type, elements.getTypeElement("java.lang.Object").asType());
  }

  /**
   * Whether the class of a value of type {@code from} tells whether it is a {@code to}, a subtype
   * of {@code from}: {@code to} has no type arguments, only unbounded wildcards ({@code Box<?>}),
   * or only those every {@code from} of its class has ({@code Dns<String>} below {@code
   * Lookup<String>}, for a {@code Dns<T>} that implements {@code Lookup<T>}). Then a test of the
   * erased class, {@code Guard.instanceOf(Dns.class)}, is a test of {@code to}.
   */
  boolean isTestedByClass(TypeMirror from, DeclaredType to) {
    List<? extends TypeMirror> arguments = to.getTypeArguments();
    if (arguments.stream().allMatch(TypeRules::isUnboundedWildcard)) {
      return true;
    }
    TypeElement type = (TypeElement) to.asElement();
    DeclaredType above =
        from.getKind() == TypeKind.DECLARED
            ? supertype((DeclaredType) type.asType(), ((DeclaredType) from).asElement())
            : null;
    if (above == null) {
      return false;
    }
    List<? extends TypeMirror> fromArguments = ((DeclaredType) from).getTypeArguments();
    List<? extends TypeMirror> aboveArguments = above.getTypeArguments();
    for (int i = 0; i < arguments.size(); i++) {
      TypeMirror argument = arguments.get(i);
      TypeMirror variable = type.getTypeParameters().get(i).asType();
      boolean fixed = isUnboundedWildcard(argument);
      for (int j = 0; !fixed && j < Math.min(aboveArguments.size(), fromArguments.size()); j++) {
        fixed =
            types.isSameType(aboveArguments.get(j), variable)
                && types.isSameType(fromArguments.get(j), argument);
      }
      if (!fixed) {
        return false;
      }
    }
    return true;
  }

  /** {@code type}'s supertype (itself included) whose class is {@code target}, or null. */
  private DeclaredType supertype(DeclaredType type, Element target) {
    if (type.asElement().equals(target)) {
      return type;
    }
    for (TypeMirror direct : types.directSupertypes(type)) {
      DeclaredType found =
          direct.getKind() == TypeKind.DECLARED ? supertype((DeclaredType) direct, target) : null;
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  private static boolean isUnboundedWildcard(TypeMirror type) {
    return type.getKind() == TypeKind.WILDCARD
        && ((WildcardType) type).getExtendsBound() == null
        && ((WildcardType) type).getSuperBound() == null;
  }

  /** The erasure of {@code type}: {@code Result} for {@code Result<String>}. */
  TypeMirror erasure(TypeMirror type) {
    return types.erasure(type);
  }

  /**
   * Whether no value of the sealed type {@code within} can be both an {@code a} and a {@code b}:
   * neither is a subtype of the other, generics erased, and no class a value can have (one of its
   * {@link #leaves}) is a subtype of both, as {@code record Both() implements A, B} is.
   */
  boolean isDisjoint(TypeMirror a, TypeMirror b, TypeMirror within) {
    TypeMirror left = types.erasure(a);
    TypeMirror right = types.erasure(b);
    if (types.isAssignable(left, right) || types.isAssignable(right, left)) {
      return false;
    }
    return leaves(within).stream()
        .noneMatch(leaf -> isErasedSubtype(leaf, left) && isErasedSubtype(leaf, right));
  }

  /** Whether every value of class {@code value} is a {@code type}, generics erased. */
  boolean isErasedSubtype(TypeElement value, TypeMirror type) {
    return types.isAssignable(types.erasure(value.asType()), types.erasure(type));
  }

  /**
   * The classes a value of the sealed {@code type} can have: its permitted subtypes, those that are
   * sealed expanded in turn, in declaration order. A sealed class that is not abstract counts
   * itself; a final or non-sealed subtype is a leaf. A sealed type without permitted subtypes
   * (javac reports it) counts itself.
   */
  List<TypeElement> leaves(TypeMirror type) {
    List<TypeElement> subtypes = subtypes(type);
    return subtypes.isEmpty()
        ? List.of((TypeElement) ((DeclaredType) type).asElement())
        : subtypes.stream().filter(this::isLeaf).toList();
  }

  /**
   * Every type below the sealed {@code type}, sealed ones and leaves, each before its own subtypes,
   * in declaration order; {@code type} itself not included.
   */
  List<TypeElement> subtypes(TypeMirror type) {
    List<TypeElement> subtypes = new ArrayList<>();
    addPermitted((TypeElement) ((DeclaredType) type).asElement(), subtypes);
    return subtypes;
  }

  private void addPermitted(TypeElement type, List<TypeElement> subtypes) {
    if (!type.getModifiers().contains(Modifier.SEALED)) {
      return;
    }
    for (TypeMirror permitted : type.getPermittedSubclasses()) {
      if (types.asElement(permitted) instanceof TypeElement subtype
          && !subtypes.contains(subtype)) {
        subtypes.add(subtype);
        addPermitted(subtype, subtypes);
      }
    }
  }

  private boolean isLeaf(TypeElement type) {
    return !type.getModifiers().contains(Modifier.SEALED)
        || type.getPermittedSubclasses().isEmpty()
        || (!type.getKind().isInterface() && !type.getModifiers().contains(Modifier.ABSTRACT));
  }

  /** The raw type inside {@code type} (itself, an element or a type argument), or null. */
  DeclaredType rawPart(TypeMirror type) {
    return withInside(type, TypeRules::isRaw);
  }

  private static boolean isRaw(DeclaredType declared) {
    return !((TypeElement) declared.asElement()).getTypeParameters().isEmpty()
        && declared.getTypeArguments().isEmpty();
  }

  /** {@code type} if it is a declared type that {@code test} accepts, else {@link #inside}. */
  private static DeclaredType withInside(TypeMirror type, Predicate<DeclaredType> test) {
    if (type.getKind() == TypeKind.DECLARED && test.test((DeclaredType) type)) {
      return (DeclaredType) type;
    }
    return inside(type, test);
  }

  /**
   * The first declared type that {@code test} accepts inside {@code type}: in its type arguments,
   * its element type or a wildcard's bound, at any depth; {@code type} itself does not count.
   */
  private static DeclaredType inside(TypeMirror type, Predicate<DeclaredType> test) {
    switch (type.getKind()) {
      case DECLARED:
        for (TypeMirror argument : ((DeclaredType) type).getTypeArguments()) {
          DeclaredType found = withInside(argument, test);
          if (found != null) {
            return found;
          }
        }
        return null;
      case ARRAY:
        return withInside(((ArrayType) type).getComponentType(), test);
      case WILDCARD:
        WildcardType wildcard = (WildcardType) type;
        TypeMirror bound =
            wildcard.getExtendsBound() != null
                ? wildcard.getExtendsBound()
                : wildcard.getSuperBound();
        return bound == null ? null : withInside(bound, test);
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
