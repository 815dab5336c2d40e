package dev.hypha.samples.crash;

import dev.hypha.annotations.Delay;
import dev.hypha.annotations.DependsOn;
import dev.hypha.annotations.Flow;
import dev.hypha.annotations.Input;
import dev.hypha.annotations.Task;
import dev.hypha.runtime.TaskContext;

/** A delay for the crash test: {@code remind} waits an hour after {@code order}. */
@Flow
public class Reminder {
  private final SideEffectLog log;
  private final String generation;

  public Reminder(SideEffectLog log, String generation) {
    this.log = log;
    this.generation = generation;
  }

  @Task
  public String order(@Input String id, TaskContext context) {
    log.append("order " + context.attempt() + " " + generation);
    return id;
  }

  @Task
  @DependsOn("order")
  @Delay("PT1H")
  public String remind(String order, TaskContext context) {
    log.append("remind " + context.attempt() + " " + generation);
    return "reminded " + order;
  }
}
