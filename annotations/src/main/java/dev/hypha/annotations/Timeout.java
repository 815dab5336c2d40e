package dev.hypha.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The longest one attempt of a {@link Task} may take, as an ISO-8601 duration such as {@code
 * "PT30S"}. An attempt over its time is interrupted, recorded as timed out and retried per the
 * task's {@link Retry} policy. A task that ignores the interruption does not hold up the engine:
 * its thread is abandoned, replaced and counted.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Timeout {

  /** The time allowed per attempt, as an ISO-8601 duration. */
  String value();
}
