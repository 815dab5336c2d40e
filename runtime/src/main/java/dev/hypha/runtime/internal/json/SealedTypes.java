package dev.hypha.runtime.internal.json;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.cfg.MapperConfig;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.AnnotatedClass;
import com.fasterxml.jackson.databind.introspect.NopAnnotationIntrospector;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.databind.jsontype.TypeResolverBuilder;
import com.fasterxml.jackson.databind.jsontype.impl.StdTypeResolverBuilder;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * Lets Jackson write and read the user's sealed types without annotations: a value of a sealed
 * hierarchy carries its class's simple name in an {@value #PROPERTY} property, and the permitted
 * subclasses are its subtypes. A branch on a sealed output needs this: its value is read back as
 * the sealed type. Types that declare their own {@code @JsonTypeInfo} keep it (this introspector
 * comes second), and the JDK's sealed types (numbers and strings are {@code ConstantDesc}s) are
 * left out.
 */
final class SealedTypes extends NopAnnotationIntrospector {
  private static final long serialVersionUID = 1L;

  /** The property that names a value's class. */
  static final String PROPERTY = "@type";

  @Override
  public List<NamedType> findSubtypes(Annotated annotated) {
    if (!(annotated.getAnnotated() instanceof Class<?> type) || !isUserSealed(type)) {
      return null;
    }
    List<NamedType> subtypes = new ArrayList<>();
    for (Class<?> subtype : type.getPermittedSubclasses()) {
      subtypes.add(new NamedType(subtype, subtype.getSimpleName()));
    }
    return subtypes;
  }

  @Override
  public String findTypeName(AnnotatedClass annotated) {
    return inSealedHierarchy(annotated.getRawType())
        ? annotated.getRawType().getSimpleName()
        : null;
  }

  @Override
  public TypeResolverBuilder<?> findTypeResolver(
      MapperConfig<?> config, AnnotatedClass annotated, JavaType baseType) {
    Class<?> type = annotated.getRawType();
    if (!inSealedHierarchy(type)) {
      return null;
    }
    StdTypeResolverBuilder builder =
        new StdTypeResolverBuilder()
            .init(JsonTypeInfo.Id.NAME, null)
            .inclusion(JsonTypeInfo.As.PROPERTY)
            .typeProperty(PROPERTY);
    // JSON of a concrete class without the property (written before, or sent by a client) reads as
    // that class: only the sealed type itself needs it to choose.
    boolean concrete = !type.isInterface() && !Modifier.isAbstract(type.getModifiers());
    return concrete ? builder.defaultImpl(type) : builder;
  }

  /** Whether {@code type} is sealed, or extends or implements a sealed type, of the user's. */
  private static boolean inSealedHierarchy(Class<?> type) {
    if (type == null
        || type.isPrimitive()
        || type.isArray()
        || type.isAnonymousClass()
        || Enum.class.isAssignableFrom(type)) {
      return false;
    }
    if (isUserSealed(type) || inSealedHierarchy(type.getSuperclass())) {
      return true;
    }
    for (Class<?> implemented : type.getInterfaces()) {
      if (inSealedHierarchy(implemented)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isUserSealed(Class<?> type) {
    String name = type.getName();
    // An enum whose constants have bodies is sealed too, and is written as its name already.
    return type.isSealed()
        && !type.isEnum()
        && !name.startsWith("java.")
        && !name.startsWith("javax.")
        && !name.startsWith("jdk.")
        && !name.startsWith("sun.");
  }
}
