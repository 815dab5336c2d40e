package dev.hypha.processor.model;

import java.time.Duration;
import java.util.List;
import javax.lang.model.type.TypeMirror;

/**
 * A checked retry policy, what the generated {@code RetryPolicy} is built from.
 *
 * @param maxAttempts attempts in all, at least 1
 * @param backoff the delay before the second attempt, positive
 * @param multiplier the factor each further delay grows by, finite and at least 1.0
 * @param maxBackoff the longest delay, not shorter than {@code backoff}
 * @param jitter the fraction by which delays are spread, 0.0 to 1.0
 * @param retryOn the exception types retried; empty for all
 * @param abortOn the exception types never retried
 */
public record RetryPlan(
    int maxAttempts,
    Duration backoff,
    double multiplier,
    Duration maxBackoff,
    double jitter,
    List<TypeMirror> retryOn,
    List<TypeMirror> abortOn) {

  public RetryPlan {
    retryOn = List.copyOf(retryOn);
    abortOn = List.copyOf(abortOn);
  }
}
