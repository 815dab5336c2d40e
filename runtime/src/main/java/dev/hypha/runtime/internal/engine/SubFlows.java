package dev.hypha.runtime.internal.engine;

import dev.hypha.runtime.HyphaException;
import dev.hypha.runtime.RunId;
import dev.hypha.runtime.RunState;
import dev.hypha.runtime.SubFlow;
import dev.hypha.runtime.TaskError;

/** What every engine says of sub-flows: the key of a child run, and a task's error for a child. */
public final class SubFlows {
  private SubFlows() {}

  /** The key of the child of {@code task} in run {@code parent}: one child per task and run. */
  public static String key(RunId parent, String task) {
    return parent + "/" + task;
  }

  /**
   * {@code output}, what the method of task {@code task}, which starts a sub-flow, returned.
   *
   * @throws IllegalStateException if it is not a {@code SubFlow}
   */
  public static SubFlow<?> returned(String task, Object output) {
    if (output instanceof SubFlow<?> sub) {
      return sub;
    }
    throw new IllegalStateException(
        "task "
            + task
            + " starts a sub-flow but returned "
            + output
            + "; return the child flow's sub(input), such as BillingFlow.sub(request)");
  }

  /**
   * The error of task {@code task} whose child run {@code child} of flow {@code flow} ended {@code
   * state} (FAILED with {@code cause}, its first error, or CANCELLED).
   */
  public static TaskError childFailed(
      String task, RunId child, String flow, RunState state, TaskError cause) {
    if (state == RunState.FAILED && cause != null) {
      return new TaskError(
          task,
          cause.type(),
          "the child run "
              + child
              + " of flow "
              + flow
              + " failed: task "
              + cause.task()
              + ": "
              + cause.message(),
          cause.stackTrace());
    }
    return TaskErrors.of(
        task,
        new HyphaException(
            "the child run " + child + " of flow " + flow + " was " + state.name().toLowerCase()));
  }
}
