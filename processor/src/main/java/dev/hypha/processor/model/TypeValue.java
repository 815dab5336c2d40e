package dev.hypha.processor.model;

import javax.lang.model.element.AnnotationValue;
import javax.lang.model.type.TypeMirror;

/**
 * A class literal listed in an annotation, such as an exception type of {@code @Retry(abortOn)}.
 *
 * @param type the class
 * @param value the array element it was written as, for messages
 */
public record TypeValue(TypeMirror type, AnnotationValue value) {}
