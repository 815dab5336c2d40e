package dev.hypha.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A durable wait until an instant a dependency computed: on a {@link Task} parameter of type {@code
 * java.time.Instant} bound to a dependency's output, the task starts no earlier than that instant
 * (and, with {@link Delay}, no earlier than its delay either). The due time is recorded with the
 * task, so the wait survives restarts; no thread waits meanwhile, and cancelling the run ends it.
 * An instant already past, or a {@code null} one, does not hold the task.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.PARAMETER)
public @interface WaitUntil {}
