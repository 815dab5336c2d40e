package dev.hypha.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a public {@code void} method of a {@link Flow} class to call once when a run of the flow
 * succeeds (Machinery's OnSuccess). It runs durably after the last task, before the run is recorded
 * SUCCEEDED; if it fails, its error is recorded and the run still succeeds.
 *
 * <p>Parameters: optionally one that receives the run's result (its type must accept the flow's
 * result type), an {@link Input} parameter and a {@code dev.hypha.runtime.TaskContext}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface OnSuccess {}
