package dev.hypha.runtime;

/**
 * The state of one task in one run: {@code PENDING → READY → RUNNING → SUCCEEDED | RECOVERED |
 * FAILED | SKIPPED | CANCELLED}. A task is READY when all its dependencies succeeded (and, between
 * retries, until its next attempt is due), RUNNING while an attempt executes, RECOVERED when a
 * fault handler supplied its output after it failed, and SKIPPED when it cannot or need not run: a
 * task it depends on failed, or a branch that leads to it was not taken (see {@link SkipReason}).
 */
public enum TaskState {
  PENDING,
  READY,
  RUNNING,
  SUCCEEDED,
  RECOVERED,
  FAILED,
  SKIPPED,
  CANCELLED;

  /** Whether the task has ended in this run. */
  public boolean isFinal() {
    return ordinal() >= SUCCEEDED.ordinal();
  }

  /** Whether the task has an output its dependents can use: SUCCEEDED or RECOVERED. */
  public boolean hasOutput() {
    return this == SUCCEEDED || this == RECOVERED;
  }
}
