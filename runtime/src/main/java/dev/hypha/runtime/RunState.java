package dev.hypha.runtime;

/** The state of a run: {@code RUNNING → SUCCEEDED | FAILED | CANCELLED}. */
public enum RunState {
  RUNNING,
  SUCCEEDED,
  FAILED,
  CANCELLED;

  /** Whether the run has ended and will not change again. */
  public boolean isFinal() {
    return this != RUNNING;
  }
}
