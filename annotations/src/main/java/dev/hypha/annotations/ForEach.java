package dev.hypha.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Dynamic fan-out: on a {@link Task} parameter of type {@code E} bound to a dependency that returns
 * a {@code List<E>}, the task runs once per element of that list, each run a recorded instance of
 * the task ({@code name[index]}) with its own attempts, retries, timeout and fault handling. A
 * dependent that takes the task's output receives a {@code List<R>} of the instances' outputs, in
 * element order; the task succeeds once every instance has, and fails (after the others ended) when
 * one fails for good. An empty list succeeds at once with an empty list.
 *
 * <p>At most one parameter of a task is marked. Its other parameters are bound as usual and are the
 * same for every instance.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.PARAMETER)
public @interface ForEach {
  /**
   * The most instances of this task that run at once in one run; 0 (the default) sets no limit of
   * its own, so the engine's in-flight limit applies.
   */
  int concurrency() default 0;
}
