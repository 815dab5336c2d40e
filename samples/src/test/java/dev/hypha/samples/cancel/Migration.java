package dev.hypha.samples.cancel;

import dev.hypha.annotations.Compensates;
import dev.hypha.annotations.DependsOn;
import dev.hypha.annotations.Flow;
import dev.hypha.annotations.Input;
import dev.hypha.annotations.OnFailure;
import dev.hypha.annotations.Retry;
import dev.hypha.annotations.Task;
import dev.hypha.runtime.TaskContext;
import dev.hypha.samples.Journal;
import java.util.concurrent.CountDownLatch;

/**
 * A database migration that undoes its snapshot when cancelled ({@code compensateOnCancel}):
 * snapshot, then a long copy, then the switch-over. The copy either works until it is interrupted,
 * or fails at once and waits half a minute for its second attempt.
 */
@Flow(compensateOnCancel = true)
public class Migration {
  private final Journal journal;
  private final CountDownLatch copying;

  public Migration(Journal journal, CountDownLatch copying) {
    this.journal = journal;
    this.copying = copying;
  }

  public record Job(String database, boolean copyFailsFirst) {}

  @Task
  public String snapshot(@Input Job job) {
    return "snapshot-of-" + job.database();
  }

  @Task
  @DependsOn("snapshot")
  @Retry(maxAttempts = 2, backoff = "PT30S")
  public String copy(String snapshot, @Input Job job, TaskContext context)
      throws InterruptedException {
    if (job.copyFailsFirst() && context.attempt() == 1) {
      throw new IllegalStateException("target not reachable");
    }
    copying.countDown();
    try {
      Thread.sleep(30_000);
    } catch (InterruptedException e) {
      journal.add("copy interrupted");
      throw e;
    }
    return "copied " + snapshot;
  }

  @Task
  @DependsOn("copy")
  public String switchOver(String copy) {
    journal.add("switched over");
    return copy;
  }

  @Compensates("snapshot")
  public void dropSnapshot(String snapshot) {
    journal.add("dropped " + snapshot);
  }

  /** A cancelled run has not failed: this is not called. */
  @OnFailure
  public void alert() {
    journal.add("alert");
  }
}
