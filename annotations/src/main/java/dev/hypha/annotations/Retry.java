package dev.hypha.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How often and how soon a failed {@link Task} is tried again. On a task it sets that task's
 * policy; on the {@link Flow} class it is the default of every task without its own; on a {@link
 * Compensates} method it sets the compensation's policy. Without any, a task runs once.
 *
 * <p>The delay before attempt {@code n + 1} is {@code backoff * multiplier^(n - 1)}, spread by
 * {@code ± jitter} of itself, then capped at {@code maxBackoff}. A task waiting for its next
 * attempt is READY with the attempt's due time in the store: a restart in between neither loses nor
 * hastens it. Every failed attempt stays in the run's history with its error.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Retry {

  /** Attempts in all, the first included; at least 1. */
  int maxAttempts() default 3;

  /** The delay before the second attempt, as an ISO-8601 duration such as {@code "PT1S"}. */
  String backoff() default "PT1S";

  /** The factor each further delay grows by; at least 1.0. */
  double multiplier() default 2.0;

  /** The longest delay, as an ISO-8601 duration; not shorter than {@link #backoff()}. */
  String maxBackoff() default "PT5M";

  /** The fraction, 0.0 to 1.0, by which each delay is randomly lengthened or shortened. */
  double jitter() default 0.0;

  /** Retry only these exceptions (and their subclasses); empty retries every exception. */
  Class<? extends Throwable>[] retryOn() default {};

  /** Never retry these exceptions (and their subclasses), even if {@link #retryOn()} lists them. */
  Class<? extends Throwable>[] abortOn() default {};
}
