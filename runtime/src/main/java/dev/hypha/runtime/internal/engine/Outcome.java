package dev.hypha.runtime.internal.engine;

import dev.hypha.runtime.TaskError;

/** How an attempt ended, as decided on the worker thread. */
sealed interface Outcome {

  /**
   * The method returned; {@code outputJson} is its output, and {@code notTaken} the dependents
   * whose branch that output does not take ({@link Branches#NONE} for most tasks).
   */
  record Succeeded(String outputJson, int[] notTaken) implements Outcome {}

  /**
   * The task failed with {@code original}, and a fault handler returned {@code outputJson}, which
   * does not take the branches to {@code notTaken}.
   */
  record Recovered(String outputJson, TaskError original, int[] notTaken) implements Outcome {}

  /**
   * The method returned a sub-flow: the child run to start (or found again), see {@link Children}.
   */
  record StartChild(Children.Start start) implements Outcome {}

  /** The attempt failed and the retry policy allows another after {@code delayMillis}. */
  record Retry(TaskError error, long delayMillis) implements Outcome {}

  /**
   * The task failed for good with {@code error}: its attempt's own {@code attemptError}, or what
   * the fault handler that took the attempt's error over threw instead.
   */
  record Failed(TaskError error, TaskError attemptError) implements Outcome {
    Failed(TaskError error) {
      this(error, error);
    }
  }
}
