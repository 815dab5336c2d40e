package dev.hypha.samples.retry;

import dev.hypha.annotations.DependsOn;
import dev.hypha.annotations.Flow;
import dev.hypha.annotations.Input;
import dev.hypha.annotations.Retry;
import dev.hypha.annotations.Task;
import dev.hypha.runtime.TaskContext;
import dev.hypha.samples.Journal;
import java.io.UncheckedIOException;

/**
 * Tasks that never succeed, and how far each {@code @Retry} lets them go: to its last attempt, or
 * not beyond the first when {@code retryOn} does not list the error or {@code abortOn} does.
 */
@Flow
public class RetryLimits {
  private final Journal journal;

  public RetryLimits(Journal journal) {
    this.journal = journal;
  }

  public record Job(String id) {}

  @Task
  @Retry(maxAttempts = 3, backoff = "PT0.01S")
  public String exhausted(@Input Job job, TaskContext context) {
    throw fail(context, new IllegalStateException("exhausted attempt " + context.attempt()));
  }

  @Task
  @DependsOn("exhausted")
  public String afterExhausted(String exhausted, TaskContext context) {
    journal.add("afterExhausted " + context.attempt());
    return exhausted;
  }

  /** Its error is not one {@code retryOn} lists. */
  @Task
  @Retry(maxAttempts = 3, backoff = "PT0.01S", retryOn = UncheckedIOException.class)
  public String unlisted(@Input Job job, TaskContext context) {
    throw fail(context, new IllegalArgumentException("unlisted attempt " + context.attempt()));
  }

  /** {@code abortOn} wins over {@code retryOn}, for subclasses too. */
  @Task
  @Retry(
      maxAttempts = 3,
      backoff = "PT0.01S",
      retryOn = RuntimeException.class,
      abortOn = IllegalArgumentException.class)
  public String aborted(@Input Job job, TaskContext context) {
    throw fail(context, new NumberFormatException("aborted attempt " + context.attempt()));
  }

  /** No {@code @Retry} here nor on the flow: one attempt. */
  @Task
  public String once(@Input Job job, TaskContext context) {
    throw fail(context, new IllegalStateException("once attempt " + context.attempt()));
  }

  private RuntimeException fail(TaskContext context, RuntimeException error) {
    journal.add(context.task() + " " + context.attempt());
    return error;
  }
}
