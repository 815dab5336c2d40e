package dev.hypha.samples.workers;

import dev.hypha.annotations.Flow;
import dev.hypha.annotations.Input;
import dev.hypha.annotations.Task;
import dev.hypha.runtime.TaskContext;

/**
 * One task that holds its lease for four seconds, twice the lease the test gives its workers: a
 * worker frozen in the middle of it loses the lease, and its late result must not be recorded.
 */
@Flow
public class LeaseFence {
  static final String QUEUE = "lease-fence";

  @Task(queue = QUEUE)
  public String hold(@Input String label, TaskContext context) throws InterruptedException {
    String attempt = context.idempotencyKey() + " attempt " + context.attempt();
    System.out.println("began " + attempt + " on " + context.worker());
    Thread.sleep(4_000);
    System.out.println("ended " + attempt + " on " + context.worker());
    return label + " held by " + context.worker() + " in attempt " + context.attempt();
  }
}
