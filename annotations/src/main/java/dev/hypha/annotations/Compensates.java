package dev.hypha.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a public {@code void} method of a {@link Flow} class as the compensation of a task: what
 * undoes the task's effect when the run fails after the task succeeded (a saga's revert).
 *
 * <p>When a run fails, the compensations of its succeeded tasks run one at a time in reverse
 * dependency order, each recorded in the run's history and resumed after a crash. A compensation
 * that fails is retried per its own {@link Retry} and then recorded FAILED; the others still run.
 *
 * <p>Parameters: one that receives the compensated task's recorded output (its type must accept
 * that output), and optionally an {@link Input} parameter and a {@code
 * dev.hypha.runtime.TaskContext}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Compensates {

  /** The name of the task this method compensates. */
  String value();
}
