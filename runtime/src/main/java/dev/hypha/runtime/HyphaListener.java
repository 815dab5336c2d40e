package dev.hypha.runtime;

/**
 * Observes every state change of runs and tasks, for metrics, logs or user interfaces. Events are
 * delivered in commit order, after the batch they belong to is committed (a task's READY, for a
 * task waiting for a worker slot, is the one event with no row behind it), on one dedicated thread;
 * a listener that throws is logged and never breaks a run. A slow listener delays later events, and
 * once 1,024 committed batches of events wait for it, new starts wait until it catches up
 * (back-pressure; nothing is dropped, and the engine itself never waits for a listener). A task is
 * announced RUNNING when its attempt begins, as the store records it.
 *
 * <p>On a shared store, whose changes many processes commit, a process's listeners hear what that
 * process commits: the runs it starts or cancels, and for a worker the tasks it claimed (RUNNING),
 * their attempts and end states, and the runs it ended. Tasks its statements make READY or SKIPPED
 * are not announced there.
 *
 * <p>Register with {@link Hypha.Builder#listener(HyphaListener)}, or on an open Hypha with {@link
 * Hypha#addListener(HyphaListener)}.
 */
public interface HyphaListener {

  /** A run was started or ended. */
  default void onRunEvent(RunEvent event) {}

  /** A task changed state. */
  default void onTaskEvent(TaskEvent event) {}

  /** An attempt of a task, a compensation or a callback ended; see {@link AttemptEvent}. */
  default void onAttemptEnded(AttemptEvent event) {}
}
