package dev.hypha.runtime;

/**
 * Observes every state change of runs and tasks, for metrics, logs or user interfaces. Events are
 * delivered in commit order, after the change is committed, on one dedicated thread; a listener
 * that is slow delays only later events, and one that throws is logged and never breaks a run.
 *
 * <p>Register with {@link Hypha.Builder#listener(HyphaListener)}.
 */
public interface HyphaListener {

  /** A run was started or ended. */
  default void onRunEvent(RunEvent event) {}

  /** A task changed state. */
  default void onTaskEvent(TaskEvent event) {}
}
