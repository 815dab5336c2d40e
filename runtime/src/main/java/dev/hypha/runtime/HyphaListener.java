package dev.hypha.runtime;

/**
 * Observes every state change of runs and tasks, for metrics, logs or user interfaces. Events are
 * delivered in commit order, after the change is committed, on one dedicated thread; a listener
 * that throws is logged and never breaks a run. A slow listener delays later events, and once 1,024
 * committed batches of events wait for it, the engine waits too (back-pressure, nothing is
 * dropped). A task is announced RUNNING when its attempt begins, as the store records it.
 *
 * <p>Register with {@link Hypha.Builder#listener(HyphaListener)}.
 */
public interface HyphaListener {

  /** A run was started or ended. */
  default void onRunEvent(RunEvent event) {}

  /** A task changed state. */
  default void onTaskEvent(TaskEvent event) {}
}
