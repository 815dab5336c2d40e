package dev.hypha.processor.validation;

import dev.hypha.processor.model.DurationValue;
import dev.hypha.processor.model.FlowModel;
import dev.hypha.processor.model.HandlerModel;
import dev.hypha.processor.model.RetryModel;
import dev.hypha.processor.model.RetryPlan;
import dev.hypha.processor.model.TaskModel;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.Element;

/**
 * Checks a flow's policies, {@code @Retry}, {@code @Timeout}, {@code @Delay} and
 * {@code @Flow(deadline)}, and resolves them: a task without its own {@code @Retry} gets the
 * flow's, a compensation only ever its own.
 */
final class PolicyChecks {
  private PolicyChecks() {}

  static Policies check(FlowModel flow, TypeRules rules, Report report) {
    Map<Element, Optional<RetryPlan>> retries = new HashMap<>();
    Map<Element, Duration> timeouts = new HashMap<>();
    Map<Element, Duration> delays = new HashMap<>();
    for (TaskModel task : flow.tasks()) {
      checkRetry(task.retry(), rules, report, retries);
      checkDuration(task.timeout(), report, timeouts);
      checkDuration(task.delay(), report, delays);
    }
    for (HandlerModel handler : flow.handlers()) {
      checkRetry(handler.retry(), rules, report, retries);
    }
    checkRetry(flow.retry(), rules, report, retries);
    Optional<Duration> deadline =
        flow.deadline() == null ? Optional.empty() : Durations.check(flow.deadline(), report);
    Map<Element, RetryPlan> valid = new HashMap<>();
    retries.forEach((element, plan) -> plan.ifPresent(p -> valid.put(element, p)));
    return new Policies(
        valid, timeouts, delays, Optional.ofNullable(valid.get(flow.element())), deadline);
  }

  /** Checks {@code duration} unless it is absent, keeping it by its element when it is valid. */
  private static void checkDuration(
      DurationValue duration, Report report, Map<Element, Duration> valid) {
    if (duration != null) {
      Durations.check(duration, report).ifPresent(d -> valid.put(duration.element(), d));
    }
  }

  /**
   * Checks {@code retry} unless it is absent or was checked already (on a method that is both a
   * task and a handler, an error of its own).
   */
  private static void checkRetry(
      RetryModel retry, TypeRules rules, Report report, Map<Element, Optional<RetryPlan>> retries) {
    if (retry != null && !retries.containsKey(retry.element())) {
      retries.put(retry.element(), RetryChecks.check(retry, rules, report));
    }
  }

  /**
   * The checked policies of a flow.
   *
   * @param retries the policy of each element with a valid {@code @Retry}
   * @param timeouts the timeout of each task with a valid {@code @Timeout}
   * @param delays the delay of each task with a valid {@code @Delay}
   * @param flowRetry the policy of the flow class, the default of tasks
   * @param deadline the flow's deadline, if it has one
   */
  record Policies(
      Map<Element, RetryPlan> retries,
      Map<Element, Duration> timeouts,
      Map<Element, Duration> delays,
      Optional<RetryPlan> flowRetry,
      Optional<Duration> deadline) {

    /** The task's own policy, else the flow's. */
    Optional<RetryPlan> retry(TaskModel task) {
      RetryPlan own = retries.get(task.method());
      return own != null ? Optional.of(own) : flowRetry;
    }

    /** A compensation's own policy; empty for none. */
    Optional<RetryPlan> retry(HandlerModel handler) {
      return Optional.ofNullable(retries.get(handler.method()));
    }

    Optional<Duration> timeout(TaskModel task) {
      return Optional.ofNullable(timeouts.get(task.method()));
    }

    Optional<Duration> delay(TaskModel task) {
      return Optional.ofNullable(delays.get(task.method()));
    }
  }
}
