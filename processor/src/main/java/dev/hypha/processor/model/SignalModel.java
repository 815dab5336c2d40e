package dev.hypha.processor.model;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;

/**
 * A {@code @Signal} on a task parameter as read from the source.
 *
 * @param annotation the {@code @Signal} annotation
 * @param name the signal's name, its {@code value}
 * @param nameValue the {@code value} as written out, for messages
 * @param timeout the {@code timeout}, not parsed yet; null when it is empty (no timeout)
 * @param when the name of the condition method, its {@code when}; empty for none
 * @param whenValue the {@code when} as written out, or null
 */
public record SignalModel(
    AnnotationMirror annotation,
    String name,
    AnnotationValue nameValue,
    DurationValue timeout,
    String when,
    AnnotationValue whenValue) {}
