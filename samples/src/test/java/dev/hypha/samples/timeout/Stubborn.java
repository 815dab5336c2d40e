package dev.hypha.samples.timeout;

import dev.hypha.annotations.Flow;
import dev.hypha.annotations.Input;
import dev.hypha.annotations.Retry;
import dev.hypha.annotations.Task;
import dev.hypha.annotations.Timeout;
import dev.hypha.runtime.TaskContext;
import dev.hypha.samples.Journal;
import java.util.concurrent.CountDownLatch;

/**
 * A task whose first attempt, when asked to stall, ignores interruption: it keeps its thread until
 * the test releases it, long after its {@code @Timeout} stopped it.
 */
@Flow
public class Stubborn {
  private final CountDownLatch release;
  private final Journal journal;

  public Stubborn(CountDownLatch release, Journal journal) {
    this.release = release;
    this.journal = journal;
  }

  public record Ask(boolean stall) {}

  @Task
  @Timeout("PT0.5S")
  @Retry(maxAttempts = 2, backoff = "PT0.01S")
  public String answer(@Input Ask ask, TaskContext context) {
    if (ask.stall() && context.attempt() == 1) {
      journal.add("stalling");
      boolean interrupted = false;
      while (true) {
        try {
          release.await();
          break;
        } catch (InterruptedException ignored) {
          interrupted = true;
        }
      }
      journal.add("stalled attempt returned" + (interrupted ? " after an ignored interrupt" : ""));
      return "late answer";
    }
    return "answer on attempt " + context.attempt();
  }
}
