package dev.hypha.runtime.spi;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How often and how soon a failed task (or compensation) is tried again, as declared by
 * {@code @Retry}. Immutable and thread-safe.
 *
 * @param maxAttempts attempts in all, the first included; 1 means no retry
 * @param backoff the delay before the second attempt
 * @param multiplier the factor each further delay grows by, at least 1.0
 * @param maxBackoff the longest delay
 * @param jitter the fraction, 0.0 to 1.0, by which each delay is randomly spread
 * @param retryOn only these exceptions are retried; empty for all
 * @param abortOn these exceptions are never retried
 */
public record RetryPolicy(
    int maxAttempts,
    Duration backoff,
    double multiplier,
    Duration maxBackoff,
    double jitter,
    List<Class<? extends Throwable>> retryOn,
    List<Class<? extends Throwable>> abortOn) {

  /** One attempt, no retry. */
  public static final RetryPolicy NONE =
      new RetryPolicy(1, Duration.ZERO, 1.0, Duration.ZERO, 0.0, List.of(), List.of());

  public RetryPolicy {
    Objects.requireNonNull(backoff, "backoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    retryOn = List.copyOf(retryOn);
    abortOn = List.copyOf(abortOn);
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
    }
    if (backoff.isNegative() || maxBackoff.compareTo(backoff) < 0) {
      throw new IllegalArgumentException(
          "backoff " + backoff + " must not be negative nor above maxBackoff " + maxBackoff);
    }
    if (multiplier < 1.0 || jitter < 0.0 || jitter > 1.0) {
      throw new IllegalArgumentException(
          "multiplier must be at least 1.0 and jitter within 0.0 to 1.0, were "
              + multiplier
              + " and "
              + jitter);
    }
  }

  /** Whether an attempt that failed with {@code error} may be followed by another. */
  public boolean retries(Throwable error, int failedAttempt) {
    if (failedAttempt >= maxAttempts) {
      return false;
    }
    if (abortOn.stream().anyMatch(type -> type.isInstance(error))) {
      return false;
    }
    return retryOn.isEmpty() || retryOn.stream().anyMatch(type -> type.isInstance(error));
  }

  /**
   * The delay before attempt {@code nextAttempt} (2 for the first retry); {@code random} is a
   * number in [0, 1) that spreads it by the jitter.
   */
  public Duration delayBefore(int nextAttempt, double random) {
    double millis = backoff.toMillis() * Math.pow(multiplier, Math.max(0, nextAttempt - 2));
    millis *= 1.0 + jitter * (2 * random - 1);
    // The cap holds after the jitter: no delay is ever longer than maxBackoff.
    millis = Math.min(millis, maxBackoff.toMillis());
    return Duration.ofMillis(Math.max(0, Math.round(millis)));
  }
}
