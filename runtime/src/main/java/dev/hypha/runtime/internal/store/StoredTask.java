package dev.hypha.runtime.internal.store;

import dev.hypha.runtime.TaskError;
import dev.hypha.runtime.TaskState;

/**
 * One task row as the engine needs it to go on with a run.
 *
 * @param attempt the number of attempts that began
 * @param readyAt epoch microseconds, or 0 when not recorded
 * @param startedAt when the latest attempt began, epoch microseconds, or 0 when not recorded
 * @param worker the worker of the latest attempt, or null
 * @param finishedAt epoch microseconds, or 0 when not recorded
 * @param errorType null unless the row records an error; message and stack are then "" at least
 * @param notTaken whether a SKIPPED row was a branch not taken
 * @param inputJson the payload of the signal the task took, or an instance's element on a shared
 *     store; null for other rows
 */
public record StoredTask(
    int index,
    String name,
    TaskState state,
    int attempt,
    long readyAt,
    long startedAt,
    String worker,
    long finishedAt,
    String outputJson,
    String errorType,
    String errorMessage,
    String errorStack,
    boolean notTaken,
    String inputJson) {

  /** The error the row records, as the run's error would name it. */
  public TaskError error() {
    return new TaskError(name, errorType, errorMessage, errorStack);
  }
}
