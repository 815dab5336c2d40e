package dev.hypha.samples.crash;

import dev.hypha.annotations.DependsOn;
import dev.hypha.annotations.Flow;
import dev.hypha.annotations.Input;
import dev.hypha.annotations.Retry;
import dev.hypha.annotations.Task;
import dev.hypha.runtime.TaskContext;

/**
 * Packs a parcel, delivers it and confirms. The first delivery attempt fails and the next is due
 * three seconds later: long enough for a test to kill the process in between. Every execution
 * appends {@code <task> <attempt> <generation> <epoch millis>} to the side-effect log.
 */
@Flow
public class Delivery {
  private final SideEffectLog log;
  private final String generation;

  public Delivery(SideEffectLog log, String generation) {
    this.log = log;
    this.generation = generation;
  }

  @Task
  public String pack(@Input String parcel, TaskContext context) {
    record(context);
    return "packed " + parcel;
  }

  @Task
  @DependsOn("pack")
  @Retry(maxAttempts = 3, backoff = "PT3S")
  public String deliver(String pack, TaskContext context) {
    record(context);
    if (context.attempt() == 1) {
      throw new IllegalStateException("nobody at home");
    }
    return pack + ", delivered on attempt " + context.attempt();
  }

  @Task
  @DependsOn("deliver")
  public String confirm(String deliver, TaskContext context) {
    record(context);
    return deliver + ", confirmed";
  }

  private void record(TaskContext context) {
    log.append(
        context.task()
            + " "
            + context.attempt()
            + " "
            + generation
            + " "
            + System.currentTimeMillis());
  }
}
