package dev.hypha.samples.workers;

import dev.hypha.annotations.DependsOn;
import dev.hypha.annotations.Flow;
import dev.hypha.annotations.Input;
import dev.hypha.annotations.Task;

/** Two short tasks: many runs of it keep a worker busy writing to the store. */
@Flow
public class Tally {
  static final String QUEUE = "tally";

  @Task(queue = QUEUE)
  public int count(@Input int number) {
    return number + 1;
  }

  @Task(queue = QUEUE)
  @DependsOn("count")
  public int twice(int count) {
    return count * 2;
  }
}
