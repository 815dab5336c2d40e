package dev.hypha.processor.model;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;

/**
 * A parameter of a {@code @Task} method as read from the source.
 *
 * @param element the parameter
 * @param type its declared type
 * @param input its {@code @Input} annotation, or null
 * @param from its {@code @From} annotation, or null
 * @param fromValue the {@code value} of {@code @From}, or null
 * @param fromName the task named by {@code @From}, or null
 * @param context whether its type is {@code dev.hypha.runtime.TaskContext}
 * @param waitUntil its {@code @WaitUntil} annotation, or null
 * @param forEach its {@code @ForEach} annotation, or null
 * @param loop its {@code @Loop} annotation, or null
 * @param signal its {@code @Signal}, or null
 */
public record ParameterModel(
    VariableElement element,
    TypeMirror type,
    AnnotationMirror input,
    AnnotationMirror from,
    AnnotationValue fromValue,
    String fromName,
    boolean context,
    AnnotationMirror waitUntil,
    AnnotationMirror forEach,
    AnnotationMirror loop,
    SignalModel signal) {

  /** The parameter's name in the source. */
  public String name() {
    return element.getSimpleName().toString();
  }

  public boolean isInput() {
    return input != null;
  }

  public boolean hasFrom() {
    return from != null;
  }

  public boolean isWaitUntil() {
    return waitUntil != null;
  }

  /** Whether the parameter carries {@code @ForEach}: its task runs once per element of a list. */
  public boolean isForEach() {
    return forEach != null;
  }

  /** The {@code concurrency} of its {@code @ForEach} as written out, or null for the default. */
  public AnnotationValue concurrencyValue() {
    return Annotations.explicitValue(forEach, "concurrency");
  }

  /** The {@code concurrency} of its {@code @ForEach}: 0, no limit of its own, unless written. */
  public int concurrency() {
    AnnotationValue value = concurrencyValue();
    return value != null && value.getValue() instanceof Integer limit ? limit : 0;
  }

  /** Whether the parameter carries {@code @Loop}: it takes each state of its task's loop. */
  public boolean isLoop() {
    return loop != null;
  }

  /** The {@code max} of its {@code @Loop} as written out, or null for the default. */
  public AnnotationValue maxValue() {
    return Annotations.explicitValue(loop, "max");
  }

  /**
   * The {@code max} of its {@code @Loop}: the most iterations, the annotation's default unless
   * written.
   */
  public int max() {
    return Annotations.intValue(loop, "max");
  }

  /**
   * Whether the parameter carries {@code @Signal}: it takes the payload of an external signal, and
   * its task waits for one.
   */
  public boolean isSignal() {
    return signal != null;
  }
}
