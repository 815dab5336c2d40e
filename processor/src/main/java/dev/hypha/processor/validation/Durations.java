package dev.hypha.processor.validation;

import dev.hypha.processor.model.DurationValue;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Parses the ISO-8601 durations of {@code @Retry}, {@code @Timeout}, {@code @Delay} and
 * {@code @Flow}.
 */
final class Durations {
  private Durations() {}

  /** The positive duration {@code value} writes, or empty after reporting why it is none. */
  static Optional<Duration> check(DurationValue value, Report report) {
    Duration duration;
    try {
      duration = Duration.parse(value.text());
    } catch (DateTimeParseException e) {
      report(value, Messages.invalidDuration(value.what(), value.text()), report);
      return Optional.empty();
    }
    if (duration.isZero() || duration.isNegative()) {
      report(value, Messages.nonPositiveDuration(value.what(), value.text()), report);
      return Optional.empty();
    }
    return Optional.of(duration);
  }

  /** Reports {@code message} on {@code value}, or on its annotation when it is a default. */
  static void report(DurationValue value, String message, Report report) {
    report.error(message, value.element(), value.annotation(), value.value());
  }
}
