package dev.hypha.cli.app;

import dev.hypha.annotations.Flow;
import dev.hypha.annotations.Input;
import dev.hypha.annotations.Task;

/**
 * A flow on the queue {@code parked}, which the tests' worker does not host: its runs stay RUNNING
 * with the task READY until they are cancelled.
 */
@Flow
public class Parked {
  @Task(queue = "parked")
  public String park(@Input String note) {
    return note;
  }
}
