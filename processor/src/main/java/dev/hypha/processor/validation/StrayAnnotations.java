package dev.hypha.processor.validation;

import dev.hypha.annotations.DependsOn;
import dev.hypha.annotations.Flow;
import dev.hypha.annotations.From;
import dev.hypha.annotations.Input;
import dev.hypha.annotations.Task;
import dev.hypha.processor.model.Annotations;
import java.lang.annotation.Annotation;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * Finds Hypha annotations where they have no effect: {@code @Task} outside a {@code @Flow} class,
 * {@code @DependsOn}, {@code @Input} and {@code @From} outside a {@code @Task} method.
 */
public final class StrayAnnotations {
  private StrayAnnotations() {}

  /** The misplaced annotations among the elements of {@code round}. */
  public static Report check(RoundEnvironment round) {
    Report report = new Report();
    for (Element method : round.getElementsAnnotatedWith(Task.class)) {
      Element owner = method.getEnclosingElement();
      if (!(owner instanceof TypeElement type && Annotations.has(type, Flow.class))) {
        String typeName =
            owner instanceof TypeElement type ? Describe.type(type) : owner.toString();
        report.error(
            Messages.taskOutsideFlow(Describe.method((ExecutableElement) method), typeName),
            method,
            Annotations.find(method, Task.class));
      }
    }
    for (Element method : round.getElementsAnnotatedWith(DependsOn.class)) {
      if (!Annotations.has(method, Task.class)) {
        report(report, method, DependsOn.class, "method " + describe(method));
      }
    }
    checkParameters(round, Input.class, report);
    checkParameters(round, From.class, report);
    return report;
  }

  private static void checkParameters(
      RoundEnvironment round, Class<? extends Annotation> annotation, Report report) {
    for (Element parameter : round.getElementsAnnotatedWith(annotation)) {
      Element method = parameter.getEnclosingElement();
      if (!(method instanceof ExecutableElement) || !Annotations.has(method, Task.class)) {
        String where =
            "parameter \"" + parameter.getSimpleName() + "\" of method " + describe(method);
        report(report, parameter, annotation, where);
      }
    }
  }

  private static void report(
      Report report, Element element, Class<? extends Annotation> annotation, String where) {
    report.error(
        Messages.annotationOutsideTask(annotation.getSimpleName(), where),
        element,
        Annotations.find(element, annotation));
  }

  private static String describe(Element method) {
    return method instanceof ExecutableElement executable
        ? Describe.method(executable)
        : method.getSimpleName().toString();
  }
}
