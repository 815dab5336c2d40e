package dev.hypha.samples.cancel;

import dev.hypha.annotations.Compensates;
import dev.hypha.annotations.DependsOn;
import dev.hypha.annotations.Flow;
import dev.hypha.annotations.Input;
import dev.hypha.annotations.Task;
import dev.hypha.samples.Journal;
import java.util.concurrent.CountDownLatch;

/**
 * A backup whose snapshot has a compensation that a cancellation does not run: without {@code
 * compensateOnCancel}, compensations are for failed runs only.
 */
@Flow
public class Backup {
  private final Journal journal;
  private final CountDownLatch uploading;

  public Backup(Journal journal, CountDownLatch uploading) {
    this.journal = journal;
    this.uploading = uploading;
  }

  @Task
  public String snapshot(@Input String volume) {
    return "snapshot-of-" + volume;
  }

  @Task
  @DependsOn("snapshot")
  public String upload(String snapshot) throws InterruptedException {
    uploading.countDown();
    try {
      Thread.sleep(30_000);
    } catch (InterruptedException e) {
      journal.add("upload interrupted");
      throw e;
    }
    return "uploaded " + snapshot;
  }

  @Compensates("snapshot")
  public void dropSnapshot(String snapshot) {
    journal.add("dropped " + snapshot);
  }
}
