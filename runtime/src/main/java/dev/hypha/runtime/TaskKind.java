package dev.hypha.runtime;

/** What a row of a run's history is: a task, or a handler the runtime ran for the run. */
public enum TaskKind {
  /** A {@code @Task} method. */
  TASK,
  /** A {@code @Compensates} method, undoing a task after the run failed or was cancelled. */
  COMPENSATION,
  /** The flow's {@code @OnSuccess} callback. */
  ON_SUCCESS,
  /** The flow's {@code @OnFailure} callback. */
  ON_FAILURE
}
