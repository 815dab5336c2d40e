package dev.hypha.processor.model;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;

/**
 * An ISO-8601 duration as written in an annotation, not parsed yet.
 *
 * @param element the annotated element
 * @param annotation the annotation that holds the duration
 * @param value the attribute as written out, or null when it is the annotation's default
 * @param what the attribute for messages: {@code @Retry backoff}, {@code @Timeout}, {@code @Delay},
 *     {@code @Flow deadline}
 * @param text the duration's text, such as {@code "PT1S"}
 */
public record DurationValue(
    Element element,
    AnnotationMirror annotation,
    AnnotationValue value,
    String what,
    String text) {}
