package dev.hypha.samples.deadline;

import dev.hypha.annotations.Compensates;
import dev.hypha.annotations.DependsOn;
import dev.hypha.annotations.Flow;
import dev.hypha.annotations.Input;
import dev.hypha.annotations.OnFailure;
import dev.hypha.annotations.Retry;
import dev.hypha.annotations.Task;
import dev.hypha.runtime.TaskContext;
import dev.hypha.runtime.TaskError;
import dev.hypha.samples.Journal;

/**
 * A batch that must be over within a second: it loads its data, then crunches it for far longer
 * than that, while a poll of an upstream system fails and waits half a minute for its next attempt.
 * The deadline stops both, skips the publication, undoes the load and raises the alert.
 */
@Flow(deadline = "PT1S")
public class NightlyBatch {
  private final Journal journal;

  public NightlyBatch(Journal journal) {
    this.journal = journal;
  }

  @Task
  public String load(@Input String day) {
    return "data of " + day;
  }

  @Task
  @DependsOn("load")
  public String crunch(String load) throws InterruptedException {
    try {
      Thread.sleep(30_000);
    } catch (InterruptedException e) {
      journal.add("crunch interrupted");
      throw e;
    }
    return "crunched " + load;
  }

  @Task
  @DependsOn("crunch")
  public String publish(String crunch) {
    journal.add("published");
    return crunch;
  }

  @Task
  @Retry(maxAttempts = 3, backoff = "PT30S")
  public String poll(@Input String day, TaskContext context) {
    throw new IllegalStateException("upstream not ready (attempt " + context.attempt() + ")");
  }

  @Compensates("load")
  public void unload(String load) {
    journal.add("unloaded " + load);
  }

  @OnFailure
  public void alert(TaskError error) {
    journal.add("alert " + error.task() + " " + error.type());
  }
}
