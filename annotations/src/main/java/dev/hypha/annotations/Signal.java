package dev.hypha.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An external signal the task waits for: on a {@link Task} parameter of type {@code T} (or {@code
 * Optional<T>}), the task starts only once its dependencies are done and a signal named {@link
 * #value()} with a payload of type {@code T} was sent to the run. The generated flow class sends
 * it, typed ({@code flow.signalApproval(runId, approval)}); the runtime sends it by name with JSON
 * ({@code hypha.signal(runId, "approval", json)}).
 *
 * <p>Signals sent before the run reaches the task are kept in the order they came; the task takes
 * the first of its name that passes {@link #when()}. A signal is not used up: two tasks waiting for
 * the same name may take the same one. With a {@link #timeout()}, a task whose signal did not come
 * in time fails with {@code SignalTimeoutException}, or, for an {@code Optional<T>} parameter, runs
 * with an empty one. At most one parameter of a task is marked.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.PARAMETER)
public @interface Signal {
  /** The signal's name: a letter, then letters, digits, '_' or '-'. */
  String value();

  /**
   * How long the task waits for its signal once its dependencies are done, as an ISO-8601 duration
   * ({@code "PT30M"}, {@code "P3D"}); empty to wait as long as the run lasts.
   */
  String timeout() default "";

  /**
   * The name of a {@code public static boolean} method of the flow class taking the payload: only a
   * signal it accepts is taken (others are kept for other tasks). Empty to take any.
   */
  String when() default "";
}
