package dev.hypha.processor.validation;

import dev.hypha.processor.model.DurationValue;
import dev.hypha.processor.model.RetryModel;
import dev.hypha.processor.model.RetryPlan;
import dev.hypha.processor.model.TypeValue;
import java.time.Duration;
import java.util.Optional;

/** Checks one {@code @Retry} and turns it into the policy the generated code declares. */
final class RetryChecks {
  private RetryChecks() {}

  /** The policy {@code retry} declares, or empty after reporting every value that is wrong. */
  static Optional<RetryPlan> check(RetryModel retry, TypeRules rules, Report report) {
    int before = report.errorCount();
    if (retry.maxAttempts() < 1) {
      error(retry, "maxAttempts", Messages.retryMaxAttempts(retry.maxAttempts()), report);
    }
    if (!(Double.isFinite(retry.multiplier()) && retry.multiplier() >= 1.0)) {
      error(retry, "multiplier", Messages.retryMultiplier(retry.multiplier()), report);
    }
    if (!(retry.jitter() >= 0.0 && retry.jitter() <= 1.0)) {
      error(retry, "jitter", Messages.retryJitter(retry.jitter()), report);
    }
    Optional<Duration> backoff = Durations.check(retry.backoff(), report);
    Optional<Duration> maxBackoff = Durations.check(retry.maxBackoff(), report);
    if (backoff.isPresent()
        && maxBackoff.isPresent()
        && maxBackoff.get().compareTo(backoff.get()) < 0) {
      DurationValue marked =
          retry.maxBackoff().value() != null ? retry.maxBackoff() : retry.backoff();
      Durations.report(
          marked,
          Messages.retryMaxBackoff(retry.maxBackoff().text(), retry.backoff().text()),
          report);
    }
    for (TypeValue aborted : retry.abortOn()) {
      if (retry.retryOn().stream().anyMatch(r -> rules.isSameBoxed(r.type(), aborted.type()))) {
        report.error(
            Messages.retryConflict(Describe.type(aborted.type())),
            retry.element(),
            retry.annotation(),
            aborted.value());
      }
    }
    if (report.errorCount() > before) {
      return Optional.empty();
    }
    return Optional.of(
        new RetryPlan(
            retry.maxAttempts(),
            backoff.orElseThrow(),
            retry.multiplier(),
            maxBackoff.orElseThrow(),
            retry.jitter(),
            retry.retryOn().stream().map(TypeValue::type).toList(),
            retry.abortOn().stream().map(TypeValue::type).toList()));
  }

  private static void error(RetryModel retry, String attribute, String message, Report report) {
    report.error(message, retry.element(), retry.annotation(), retry.value(attribute));
  }
}
