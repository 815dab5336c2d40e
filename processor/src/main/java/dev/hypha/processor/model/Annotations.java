package dev.hypha.processor.model;

import java.lang.annotation.Annotation;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;

/** Reads annotation mirrors, keeping the values a message can point at. */
public final class Annotations {
  private Annotations() {}

  /** The annotation of {@code type} on {@code element}, or null. */
  public static AnnotationMirror find(Element element, Class<? extends Annotation> type) {
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      TypeElement annotation = (TypeElement) mirror.getAnnotationType().asElement();
      if (annotation.getQualifiedName().contentEquals(type.getCanonicalName())) {
        return mirror;
      }
    }
    return null;
  }

  /** Whether {@code element} carries the annotation {@code type}. */
  public static boolean has(Element element, Class<? extends Annotation> type) {
    return find(element, type) != null;
  }

  /** The value of attribute {@code name} if the source writes it out, else null. */
  public static AnnotationValue explicitValue(AnnotationMirror mirror, String name) {
    if (mirror == null) {
      return null;
    }
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry :
        mirror.getElementValues().entrySet()) {
      if (entry.getKey().getSimpleName().contentEquals(name)) {
        return entry.getValue();
      }
    }
    return null;
  }

  /** The string value of attribute {@code name}, or {@code defaultValue} when not written out. */
  public static String stringValue(AnnotationMirror mirror, String name, String defaultValue) {
    AnnotationValue value = explicitValue(mirror, name);
    return value != null && value.getValue() instanceof String text ? text : defaultValue;
  }

  /**
   * The int value of attribute {@code name}: as written out, else the default the annotation type
   * declares; 0 when it has neither.
   */
  public static int intValue(AnnotationMirror mirror, String name) {
    AnnotationValue value = explicitValue(mirror, name);
    if (value == null && mirror != null) {
      for (ExecutableElement attribute :
          ElementFilter.methodsIn(mirror.getAnnotationType().asElement().getEnclosedElements())) {
        if (attribute.getSimpleName().contentEquals(name)) {
          value = attribute.getDefaultValue();
        }
      }
    }
    return value != null && value.getValue() instanceof Integer number ? number : 0;
  }

  /** The boolean value of attribute {@code name}; false when not written out. */
  public static boolean booleanValue(AnnotationMirror mirror, String name) {
    AnnotationValue value = explicitValue(mirror, name);
    return value != null && Boolean.TRUE.equals(value.getValue());
  }

  /**
   * The elements of array attribute {@code name}; a single value written without braces is a
   * one-element list. Empty when not written out.
   */
  public static List<AnnotationValue> arrayValue(AnnotationMirror mirror, String name) {
    AnnotationValue value = explicitValue(mirror, name);
    if (value == null) {
      return List.of();
    }
    if (value.getValue() instanceof List<?> values) {
      return values.stream()
          .filter(AnnotationValue.class::isInstance)
          .map(AnnotationValue.class::cast)
          .toList();
    }
    return List.of(value);
  }
}
