package dev.hypha.runtime.internal.engine;

import dev.hypha.runtime.HyphaException;
import dev.hypha.runtime.RunCancelledException;
import dev.hypha.runtime.RunDetail;
import dev.hypha.runtime.RunFailedException;
import dev.hypha.runtime.RunSummary;
import dev.hypha.runtime.TaskError;
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

  /** The run's first error with its stack trace, which only the task row holds. */
  private static TaskError error(RunSummary summary, Supplier<RunDetail> detail) {
    TaskError error =
        summary.error().orElse(new TaskError("?", "unknown", "no error was recorded", ""));
    return detail.get().task(error.task()).flatMap(task -> task.error()).orElse(error);
  }
}
