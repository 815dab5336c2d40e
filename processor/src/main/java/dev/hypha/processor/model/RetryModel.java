package dev.hypha.processor.model;

import java.util.List;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;

/**
 * A {@code @Retry} annotation as read from the source, defaults filled in, not checked yet.
 *
 * @param element the annotated task method, compensation method or flow class
 * @param annotation the {@code @Retry} annotation
 * @param maxAttempts attempts in all
 * @param backoff the delay before the second attempt
 * @param multiplier the factor each further delay grows by
 * @param maxBackoff the longest delay
 * @param jitter the fraction by which delays are spread
 * @param retryOn the exception types retried; empty for all
 * @param abortOn the exception types never retried
 */
public record RetryModel(
    Element element,
    AnnotationMirror annotation,
    int maxAttempts,
    DurationValue backoff,
    double multiplier,
    DurationValue maxBackoff,
    double jitter,
    List<TypeValue> retryOn,
    List<TypeValue> abortOn) {

  public RetryModel {
    retryOn = List.copyOf(retryOn);
    abortOn = List.copyOf(abortOn);
  }

  /** The attribute {@code name} as written out, or null when it is the default. */
  public AnnotationValue value(String name) {
    return Annotations.explicitValue(annotation, name);
  }
}
