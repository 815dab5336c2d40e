package dev.hypha.samples.timeout;

import dev.hypha.annotations.DependsOn;
import dev.hypha.annotations.Flow;
import dev.hypha.annotations.Input;
import dev.hypha.annotations.OnFault;
import dev.hypha.annotations.Retry;
import dev.hypha.annotations.Task;
import dev.hypha.annotations.Timeout;
import dev.hypha.runtime.TaskContext;
import dev.hypha.runtime.TaskTimeoutException;
import dev.hypha.samples.Journal;

/**
 * Tasks that take longer than their {@code @Timeout} and honour the interruption: retried and then
 * on time, timed out on every attempt, not retried because {@code abortOn} lists timeouts, and
 * recovered by a fault handler.
 */
@Flow
public class Timeouts {
  private final Journal journal;

  public Timeouts(Journal journal) {
    this.journal = journal;
  }

  public record Case(String id) {}

  /** Too slow on attempt 1, at once on attempt 2. */
  @Task
  @Timeout("PT0.5S")
  @Retry(maxAttempts = 2, backoff = "PT0.01S")
  public String patient(@Input Case input, TaskContext context) throws InterruptedException {
    if (context.attempt() == 1) {
      sleepUntilInterrupted(context);
    }
    return "patient on attempt " + context.attempt();
  }

  /** Too slow on every attempt. */
  @Task
  @Timeout("PT0.1S")
  @Retry(maxAttempts = 2, backoff = "PT0.01S")
  public String overrun(@Input Case input, TaskContext context) throws InterruptedException {
    sleepUntilInterrupted(context);
    return "never";
  }

  /** Too slow, and timeouts are not retried. */
  @Task
  @Timeout("PT0.1S")
  @Retry(maxAttempts = 3, backoff = "PT0.01S", abortOn = TaskTimeoutException.class)
  public String notRetried(@Input Case input, TaskContext context) throws InterruptedException {
    sleepUntilInterrupted(context);
    return "never";
  }

  /** Too slow; its fault handler supplies a rough estimate instead. */
  @Task
  @Timeout("PT0.1S")
  public String estimate(@Input Case input, TaskContext context) throws InterruptedException {
    sleepUntilInterrupted(context);
    return "exact estimate";
  }

  @OnFault(task = "estimate", value = TaskTimeoutException.class)
  public String roughEstimate(TaskTimeoutException timedOut) {
    journal.add("roughEstimate after " + timedOut.getClass().getSimpleName());
    return "rough estimate";
  }

  @Task
  @DependsOn("estimate")
  public String quote(String estimate) {
    return "quote from " + estimate;
  }

  private void sleepUntilInterrupted(TaskContext context) throws InterruptedException {
    try {
      Thread.sleep(30_000);
    } catch (InterruptedException e) {
      journal.add(context.task() + " " + context.attempt() + " interrupted");
      throw e;
    }
  }
}
