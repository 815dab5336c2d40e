package dev.hypha.processor.validation;

import java.util.ArrayList;
import java.util.List;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * The errors found in one flow (or one round), each with the exact spot it points at: an element,
 * optionally narrowed to one of its annotations and to one value of that annotation. Collects
 * everything; printing is a separate step, so all errors of a compilation are reported.
 *
 * <p>Not thread-safe.
 */
public final class Report {
  private final List<Error> errors = new ArrayList<>();

  /** Records an error on {@code element}. */
  public void error(String message, Element element) {
    error(message, element, null, null);
  }

  /** Records an error on {@code annotation} of {@code element}. */
  public void error(String message, Element element, AnnotationMirror annotation) {
    error(message, element, annotation, null);
  }

  /** Records an error on {@code value} of {@code annotation} of {@code element}. */
  public void error(
      String message, Element element, AnnotationMirror annotation, AnnotationValue value) {
    errors.add(new Error(message, element, annotation, value));
  }

  /** Adds every error of {@code other}. */
  public void addAll(Report other) {
    errors.addAll(other.errors);
  }

  public boolean hasErrors() {
    return !errors.isEmpty();
  }

  /** How many errors were recorded so far; compare two counts to see if a check found any. */
  public int errorCount() {
    return errors.size();
  }

  /** The messages, in the order they were found. */
  public List<String> messages() {
    return errors.stream().map(Error::message).toList();
  }

  /** Prints every error through {@code messager}, at the spot it points at. */
  public void printTo(Messager messager) {
    for (Error error : errors) {
      if (error.value() != null) {
        messager.printMessage(
            Diagnostic.Kind.ERROR,
            error.message(),
            error.element(),
            error.annotation(),
            error.value());
      } else if (error.annotation() != null) {
        messager.printMessage(
            Diagnostic.Kind.ERROR, error.message(), error.element(), error.annotation());
      } else {
        messager.printMessage(Diagnostic.Kind.ERROR, error.message(), error.element());
      }
    }
  }

  private record Error(
      String message, Element element, AnnotationMirror annotation, AnnotationValue value) {}
}
