package dev.hypha.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a public instance method of a {@link Flow} class as one task of the flow. Its return value
 * is the task's output, recorded as JSON and passed to the tasks that depend on it; a {@code void}
 * task only orders the tasks after it.
 *
 * <p>Parameters are bound at compile time: an {@link Input} parameter receives the run's input, a
 * {@code dev.hypha.runtime.TaskContext} parameter the run context, and every other parameter the
 * output of one task named in {@link DependsOn} (see {@link From} for the rule).
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Task {

  /** The task's name within the flow; defaults to the method name. */
  String name() default "";

  /** The work queue the task is routed to; workers host one or more queues. */
  String queue() default "default";
}
