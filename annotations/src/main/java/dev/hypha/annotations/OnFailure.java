package dev.hypha.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a public {@code void} method of a {@link Flow} class to call once when a run of the flow
 * fails (Machinery's OnError), after its compensations. It runs durably before the run is recorded
 * FAILED; if it fails itself, its error is recorded as well.
 *
 * <p>Parameters: optionally one of type {@code dev.hypha.runtime.TaskError} that receives the run's
 * first error, an {@link Input} parameter and a {@code dev.hypha.runtime.TaskContext}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface OnFailure {}
