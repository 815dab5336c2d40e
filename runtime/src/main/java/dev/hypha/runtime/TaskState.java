package dev.hypha.runtime;

/**
 * The state of one task in one run: {@code PENDING → READY → RUNNING → SUCCEEDED | FAILED | SKIPPED
 * | CANCELLED}. A task is READY when all its dependencies succeeded, RUNNING while an attempt
 * executes, and SKIPPED when a task it depends on failed.
 */
public enum TaskState {
  PENDING,
  READY,
  RUNNING,
  SUCCEEDED,
  FAILED,
  SKIPPED,
  CANCELLED;

  /** Whether the task has ended in this run. */
  public boolean isFinal() {
    return ordinal() >= SUCCEEDED.ordinal();
  }
}
