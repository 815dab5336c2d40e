package dev.hypha.runtime.internal.engine;

import dev.hypha.runtime.AwaitTimeoutException;
import dev.hypha.runtime.HyphaException;
import dev.hypha.runtime.RunCancelledException;
import dev.hypha.runtime.RunDetail;
import dev.hypha.runtime.RunFailedException;
import dev.hypha.runtime.RunId;
import dev.hypha.runtime.RunSummary;
import dev.hypha.runtime.TaskError;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What waiting for a run read from the store ends with, for every kind of run handle: the result of
 * a run that succeeded, else the exception that says how it ended.
 */
public final class StoredEnd {
  private StoredEnd() {}

  /**
   * The result of the ended run {@code summary} from {@code result}, or the exception for a run
   * that failed (with its first error's stack trace, read from {@code detail}) or was cancelled.
   */
  public static <T> T of(RunSummary summary, Supplier<T> result, Supplier<RunDetail> detail) {
    return switch (summary.state()) {
      case SUCCEEDED -> result.get();
      case FAILED ->
          throw new RunFailedException(summary.id(), summary.flow(), error(summary, detail));
      case CANCELLED -> throw new RunCancelledException(summary.id());
      case RUNNING -> throw new HyphaException("run " + summary.id() + " is not over; a bug");
    };
  }

  /** The longest pause between two reads of a run that goes on elsewhere. */
  private static final long MAX_POLL_MILLIS = 200;

  /**
   * Reads the run {@code id} through {@code summary}, with a pause growing from 5 ms to {@value
   * #MAX_POLL_MILLIS} ms, until it has ended; then returns what {@code ended} makes of it.
   *
   * @param timeout null to wait as long as it takes
   * @throws AwaitTimeoutException if the run has not ended within {@code timeout}
   */
  public static <T> T await(
      RunId id, Supplier<RunSummary> summary, Duration timeout, Function<RunSummary, T> ended) {
    long began = System.nanoTime();
    long pause = 5;
    while (true) {
      RunSummary read;
      try {
        read = summary.get();
      } catch (RuntimeException e) {
        // A read the interrupt cut short (the store keeps the flag) ends the wait as a sleep
        // interrupted between two reads does.
        if (Thread.currentThread().isInterrupted()) {
          throw interrupted(id, e);
        }
        throw e;
      }
      if (read.state().isFinal()) {
        return ended.apply(read);
      }
      long leftMillis =
          timeout == null
              ? Long.MAX_VALUE
              : TimeUnit.NANOSECONDS.toMillis(timeout.toNanos() - (System.nanoTime() - began));
      if (timeout != null && leftMillis <= 0) {
        throw new AwaitTimeoutException(id, read.state(), timeout);
      }
      try {
        Thread.sleep(Math.max(1, Math.min(pause, leftMillis)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw interrupted(id, e);
      }
      pause = Math.min(MAX_POLL_MILLIS, pause * 2);
    }
  }

  private static HyphaException interrupted(RunId id, Exception cause) {
    return new HyphaException("interrupted while awaiting run " + id + "; it goes on", cause);
  }

  /** The run's first error with its stack trace, which only the task row holds. */
  private static TaskError error(RunSummary summary, Supplier<RunDetail> detail) {
    TaskError error =
        summary.error().orElse(new TaskError("?", "unknown", "no error was recorded", ""));
    return detail.get().task(error.task()).flatMap(task -> task.error()).orElse(error);
  }
}
