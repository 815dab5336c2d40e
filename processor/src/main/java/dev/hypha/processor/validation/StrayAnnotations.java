package dev.hypha.processor.validation;

import dev.hypha.annotations.Compensates;
import dev.hypha.annotations.Delay;
import dev.hypha.annotations.DependsOn;
import dev.hypha.annotations.Flow;
import dev.hypha.annotations.ForEach;
import dev.hypha.annotations.From;
import dev.hypha.annotations.Input;
import dev.hypha.annotations.Loop;
import dev.hypha.annotations.Retry;
import dev.hypha.annotations.Signal;
import dev.hypha.annotations.Task;
import dev.hypha.annotations.Timeout;
import dev.hypha.annotations.WaitUntil;
import dev.hypha.processor.model.Annotations;
import dev.hypha.processor.model.HandlerModel.Kind;
import java.lang.annotation.Annotation;
import java.util.List;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * Finds Hypha annotations where they have no effect: {@code @Task}, the handler annotations and
 * {@code @Retry} outside a {@code @Flow} class; {@code @DependsOn}, {@code @Timeout} and
 * {@code @Delay} outside a {@code @Task} method; {@code @Retry} on a method that is neither a task
 * nor a compensation; {@code @Input} and {@code @From} outside a task or handler method;
 * {@code @WaitUntil}, {@code @ForEach}, {@code @Loop} and {@code @Signal} outside a task method.
 */
public final class StrayAnnotations {
  private StrayAnnotations() {}

  /** The misplaced annotations among the elements of {@code round}. */
  public static Report check(RoundEnvironment round) {
    Report report = new Report();
    for (Element method : round.getElementsAnnotatedWith(Task.class)) {
      if (!inFlow(method)) {
        report.error(
            Messages.taskOutsideFlow(describe(method), typeName(method.getEnclosingElement())),
            method,
            Annotations.find(method, Task.class));
      }
    }
    for (Kind kind : Kind.values()) {
      for (Element method : round.getElementsAnnotatedWith(kind.annotation())) {
        if (!inFlow(method)) {
          outsideFlow(report, method, kind.annotation(), "method " + describe(method));
        }
      }
    }
    checkRetry(round, report);
    for (Class<? extends Annotation> annotation :
        List.of(DependsOn.class, Timeout.class, Delay.class)) {
      for (Element method : round.getElementsAnnotatedWith(annotation)) {
        if (!Annotations.has(method, Task.class)) {
          outsideTask(report, method, annotation, "method " + describe(method));
        }
      }
    }
    checkParameters(round, Input.class, true, report);
    checkParameters(round, From.class, true, report);
    checkParameters(round, WaitUntil.class, false, report);
    checkParameters(round, ForEach.class, false, report);
    checkParameters(round, Loop.class, false, report);
    checkParameters(round, Signal.class, false, report);
    return report;
  }

  private static void checkRetry(RoundEnvironment round, Report report) {
    for (Element element : round.getElementsAnnotatedWith(Retry.class)) {
      if (element instanceof TypeElement type) {
        if (!Annotations.has(type, Flow.class)) {
          outsideFlow(report, type, Retry.class, "class " + Describe.type(type));
        }
      } else if (!Annotations.has(element, Task.class)
          && !Annotations.has(element, Compensates.class)) {
        report.error(
            Messages.retryMisplaced(describe(element)),
            element,
            Annotations.find(element, Retry.class));
      }
    }
  }

  /**
   * Reports {@code annotation} on a parameter of a method that is not a task, nor a handler unless
   * {@code onHandlers}. {@code @From} on a handler's parameter is the handler's own error: it has a
   * fix of its own.
   */
  private static void checkParameters(
      RoundEnvironment round,
      Class<? extends Annotation> annotation,
      boolean onHandlers,
      Report report) {
    for (Element parameter : round.getElementsAnnotatedWith(annotation)) {
      Element method = parameter.getEnclosingElement();
      if (!(method instanceof ExecutableElement)
          || !(Annotations.has(method, Task.class) || (onHandlers && isHandler(method)))) {
        String where =
            "parameter \"" + parameter.getSimpleName() + "\" of method " + describe(method);
        outsideTask(report, parameter, annotation, where);
      }
    }
  }

  private static boolean isHandler(Element method) {
    for (Kind kind : Kind.values()) {
      if (Annotations.has(method, kind.annotation())) {
        return true;
      }
    }
    return false;
  }

  private static boolean inFlow(Element method) {
    return method.getEnclosingElement() instanceof TypeElement type
        && Annotations.has(type, Flow.class);
  }

  private static void outsideTask(
      Report report, Element element, Class<? extends Annotation> annotation, String where) {
    report.error(
        Messages.annotationOutsideTask(annotation.getSimpleName(), where),
        element,
        Annotations.find(element, annotation));
  }

  private static void outsideFlow(
      Report report, Element element, Class<? extends Annotation> annotation, String where) {
    Element type = element instanceof TypeElement ? element : element.getEnclosingElement();
    report.error(
        Messages.annotationOutsideFlow(annotation.getSimpleName(), where, typeName(type)),
        element,
        Annotations.find(element, annotation));
  }

  private static String typeName(Element type) {
    return type instanceof TypeElement typeElement
        ? Describe.type(typeElement)
        : type.getSimpleName().toString();
  }

  private static String describe(Element method) {
    return method instanceof ExecutableElement executable
        ? Describe.method(executable)
        : method.getSimpleName().toString();
  }
}
