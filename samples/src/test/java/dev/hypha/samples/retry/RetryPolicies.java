package dev.hypha.samples.retry;

import dev.hypha.annotations.DependsOn;
import dev.hypha.annotations.Flow;
import dev.hypha.annotations.Input;
import dev.hypha.annotations.Retry;
import dev.hypha.annotations.Task;
import dev.hypha.runtime.TaskContext;
import dev.hypha.samples.Journal;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Tasks that fail a few times and then succeed, each under a different {@code @Retry}: a backoff
 * that grows up to its maximum, a {@code retryOn} that lists the error, and the flow's own
 * {@code @Retry} as the default of a task without one.
 */
@Flow
@Retry(maxAttempts = 2, backoff = "PT0.01S")
public class RetryPolicies {
  private final Journal journal;

  public RetryPolicies(Journal journal) {
    this.journal = journal;
  }

  public record Job(String id) {}

  /** Fails three times: waits 20 ms, then 50 ms twice (the 60 and 180 ms asked for are capped). */
  @Task
  @Retry(maxAttempts = 4, backoff = "PT0.02S", multiplier = 3.0, maxBackoff = "PT0.05S")
  public int growing(@Input Job job, TaskContext context) {
    journal.add("growing " + context.attempt());
    if (context.attempt() < 4) {
      throw new IllegalStateException("growing attempt " + context.attempt() + " failed");
    }
    return context.attempt();
  }

  /** Fails once with an error {@code retryOn} lists. */
  @Task
  @Retry(maxAttempts = 3, backoff = "PT0.01S", retryOn = UncheckedIOException.class)
  public String listed(@Input Job job, TaskContext context) {
    journal.add("listed " + context.attempt());
    if (context.attempt() == 1) {
      throw new UncheckedIOException("listed attempt 1 failed", new IOException("reset by peer"));
    }
    return "listed on attempt " + context.attempt();
  }

  /** Fails once; has no {@code @Retry}, so the flow's applies. */
  @Task
  public String defaulted(@Input Job job, TaskContext context) {
    journal.add("defaulted " + context.attempt());
    if (context.attempt() == 1) {
      throw new IllegalStateException("defaulted attempt 1 failed");
    }
    return "defaulted on attempt " + context.attempt();
  }

  @Task
  @DependsOn({"growing", "listed", "defaulted"})
  public String summary(int growing, String listed, String defaulted) {
    return "growing on attempt " + growing + ", " + listed + ", " + defaulted;
  }
}
