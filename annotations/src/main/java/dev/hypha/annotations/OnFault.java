package dev.hypha.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a public method of a {@link Flow} class as the handler of some exceptions of one task
 * (Bureaucrat's fault handlers by kind). When the task fails for good (its retries exhausted) with
 * one of {@link #value()}, the handler runs: returning a value makes it the task's output and the
 * run goes on as if the task had succeeded, recorded RECOVERED with the original error kept;
 * throwing fails the task with what it threw.
 *
 * <p>An output that cannot be written as JSON fails the task without reaching its handlers: the
 * task did its work, and only its value could not be recorded.
 *
 * <p>The method returns the task's output type (or a subtype). Parameters: optionally one that
 * receives the exception (its type must accept every listed type), an {@link Input} parameter and a
 * {@code dev.hypha.runtime.TaskContext}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface OnFault {

  /** The name of the task whose failures this method handles. */
  String task();

  /** The exception types handled, subclasses included; at least one. */
  Class<? extends Throwable>[] value();
}
