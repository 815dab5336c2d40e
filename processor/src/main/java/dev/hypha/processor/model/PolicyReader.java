package dev.hypha.processor.model;

import dev.hypha.annotations.Delay;
import dev.hypha.annotations.Flow;
import dev.hypha.annotations.Retry;
import dev.hypha.annotations.Timeout;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;

/**
 * Reads the failure policies: {@code @Retry} with its defaults filled in from the annotation
 * itself, {@code @Timeout}, {@code @Delay} and {@code @Flow(deadline)}. Reads only; parsing and
 * checking the values is validation's.
 */
final class PolicyReader {
  private final Elements elements;

  PolicyReader(Elements elements) {
    this.elements = elements;
  }

  /** The {@code @Retry} on {@code element}, or null. */
  RetryModel retry(Element element) {
    AnnotationMirror retry = Annotations.find(element, Retry.class);
    if (retry == null) {
      return null;
    }
    return new RetryModel(
        element,
        retry,
        valueOrDefault(retry, "maxAttempts") instanceof Number n ? n.intValue() : 1,
        duration(element, retry, "backoff", "@Retry backoff"),
        valueOrDefault(retry, "multiplier") instanceof Number n ? n.doubleValue() : 1.0,
        duration(element, retry, "maxBackoff", "@Retry maxBackoff"),
        valueOrDefault(retry, "jitter") instanceof Number n ? n.doubleValue() : 0.0,
        types(retry, "retryOn"),
        types(retry, "abortOn"));
  }

  /** The {@code @Timeout} on {@code method}, or null. */
  DurationValue timeout(ExecutableElement method) {
    AnnotationMirror timeout = Annotations.find(method, Timeout.class);
    return timeout == null ? null : duration(method, timeout, "value", "@Timeout");
  }

  /** The {@code @Delay} on {@code method}, or null. */
  DurationValue delay(ExecutableElement method) {
    AnnotationMirror delay = Annotations.find(method, Delay.class);
    return delay == null ? null : duration(method, delay, "value", "@Delay");
  }

  /** The {@code deadline} of {@code @Flow}, or null when it is empty. */
  DurationValue deadline(Element type) {
    AnnotationMirror flow = Annotations.find(type, Flow.class);
    DurationValue deadline = duration(type, flow, "deadline", "@Flow deadline");
    return deadline.text().isEmpty() ? null : deadline;
  }

  /**
   * The class literals of array attribute {@code name}, as written out. A literal the compiler
   * could not resolve is an error type, so the flow is read again in a later round.
   */
  static List<TypeValue> types(AnnotationMirror mirror, String name) {
    List<TypeValue> types = new ArrayList<>();
    for (AnnotationValue value : Annotations.arrayValue(mirror, name)) {
      if (value.getValue() instanceof TypeMirror type) {
        types.add(new TypeValue(type, value));
      }
    }
    return types;
  }

  private DurationValue duration(
      Element element, AnnotationMirror mirror, String name, String what) {
    Object text = valueOrDefault(mirror, name);
    return new DurationValue(
        element,
        mirror,
        Annotations.explicitValue(mirror, name),
        what,
        text instanceof String string ? string : "");
  }

  /** The value of attribute {@code name}, the annotation's default when not written out. */
  private Object valueOrDefault(AnnotationMirror mirror, String name) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry :
        elements.getElementValuesWithDefaults(mirror).entrySet()) {
      if (entry.getKey().getSimpleName().contentEquals(name)) {
        return entry.getValue().getValue();
      }
    }
    return null;
  }
}
