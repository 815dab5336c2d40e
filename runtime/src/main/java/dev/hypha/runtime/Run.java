package dev.hypha.runtime;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A typed handle on one run. The handle keeps nothing of the run but its id and, while this process
 * executes the run, how it ends: every call reads the engine or the store, so a handle obtained for
 * a run started by another process works too, and a handle kept for long holds none of the run's
 * task outputs (only, once it succeeded, the JSON of its result).
 *
 * <p>Thread-safe.
 *
 * @param <T> the flow's result type
 */
public interface Run<T> {

  RunId id();

  /** The flow's name. */
  String flow();

  /** The run's current state. */
  RunState state();

  /**
   * Waits until the run ends and returns its result.
   *
   * @throws RunFailedException if the run failed; it names the first failed task and its error
   * @throws RunCancelledException if the run was cancelled
   * @throws AwaitTimeoutException if the run is still going after {@code timeout}
   */
  T await(Duration timeout);

  /**
   * Waits as long as the run takes and returns its result; interruptible (the run goes on).
   *
   * @throws RunFailedException if the run failed
   * @throws RunCancelledException if the run was cancelled
   */
  T await();

  /**
   * The result as a future, completed when the run ends — with the result, or exceptionally with
   * {@link RunFailedException} or {@link RunCancelledException}. Completed by the engine for a run
   * it executes, and by a poll of the store (every few milliseconds, growing to a second) for a run
   * executed elsewhere. Code chained to it runs on Hypha's callback executor, never on an engine
   * thread.
   */
  CompletableFuture<T> result();

  /**
   * The result, if the run has succeeded; empty while it runs, or if it failed or was cancelled.
   */
  Optional<T> resultNow();

  /** Every task of the run with its state, attempts, timestamps, output and error. */
  RunDetail detail();

  /**
   * Cancels the run: running attempts are interrupted, tasks not finished become CANCELLED, the
   * compensations of succeeded tasks run if the flow has {@code @Flow(compensateOnCancel = true)},
   * and the run ends CANCELLED. A run already compensating or calling back has that handler stopped
   * and the rest dropped; it ends CANCELLED too. A run this process does not execute (its flow not
   * bound here, or started by another version of the flow) is cancelled in the store, its
   * unfinished tasks with it, without compensations.
   *
   * @return false if the run had already ended
   */
  boolean cancel();
}
