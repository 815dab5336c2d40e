package dev.hypha.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A loop (Bureaucrat's while): on a {@link Task} parameter of type {@code S}, bound to a
 * dependency's output, on a method that returns {@code dev.hypha.runtime.Step<S, R>}. The first
 * iteration takes the dependency's output; each iteration returns {@code Step.again(next)} to run
 * the task again with {@code next}, or {@code Step.done(result)} to end the loop. Each iteration is
 * a recorded instance of the task ({@code name[index]}) with its own attempts and its output; a
 * crash resumes at the iteration it was in. For everybody else the task's output is the {@code R}
 * of the iteration that was done. At most one parameter of a task is marked; its other parameters
 * are the same for every iteration.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.PARAMETER)
public @interface Loop {
  /** The most iterations; one more fails the task, so a loop that never ends cannot run away. */
  int max() default 100;
}
