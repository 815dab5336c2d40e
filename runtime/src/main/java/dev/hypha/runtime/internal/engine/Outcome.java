package dev.hypha.runtime.internal.engine;

import dev.hypha.runtime.TaskError;

/** How an attempt ended, as decided on the worker thread. */
sealed interface Outcome {

  /** The method returned; {@code outputJson} is its output. */
  record Succeeded(String outputJson) implements Outcome {}

  /** The task failed with {@code original}, and a fault handler returned {@code outputJson}. */
  record Recovered(String outputJson, TaskError original) implements Outcome {}

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
