package dev.hypha.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class whose {@link Task} methods form one flow. The annotation processor validates the
 * graph and generates {@code <SimpleName>Flow} in the same package, the typed entry point that
 * starts runs and reads their results.
 *
 * <p>The class must be public and top level or a static nested class.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Flow {

  /**
   * The flow's name in the store, the REST API and the CLI. Defaults to the kebab-case of the
   * simple class name ({@code OrderFulfilment} is {@code order-fulfilment}). Lower-case letters,
   * digits and single dashes, starting with a letter.
   */
  String name() default "";

  /**
   * The longest a run's tasks may take, as an ISO-8601 duration such as {@code "PT1H"}; empty for
   * no limit. When it passes, the tasks running or waiting to run (for a worker, or for a retry)
   * fail with {@code RunDeadlineExceededException}, a running attempt interrupted and recorded as
   * timed out; the tasks behind them are skipped; the run fails, after its compensations and
   * {@code @OnFailure}, which the deadline does not bound.
   */
  String deadline() default "";

  /** Whether cancelling a run also runs the compensations of its succeeded tasks. */
  boolean compensateOnCancel() default false;
}
