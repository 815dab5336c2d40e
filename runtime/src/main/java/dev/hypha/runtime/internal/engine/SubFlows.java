package dev.hypha.runtime.internal.engine;

import dev.hypha.runtime.HyphaException;
import dev.hypha.runtime.RunId;
import dev.hypha.runtime.RunState;
import dev.hypha.runtime.TaskError;

/** What every engine says of sub-flows: the key of a child run, and a task's error for a child. */
public final class SubFlows {
  private SubFlows() {}

  /** The key of the child of {@code task} in run {@code parent}: one child per task and run. */
  public static String key(RunId parent, String task) {
    return parent + "/" + task;
  }

  /** The JSON the row of a task keeps of its child: the child's run id. */
  public static String childJson(RunId child) {
    return "\"" + child + "\"";
  }

  /** The child's run id from {@link #childJson}. */
  public static RunId child(String json) {
    return RunId.of(json.substring(1, json.length() - 1));
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
