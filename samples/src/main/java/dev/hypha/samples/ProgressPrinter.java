package dev.hypha.samples;

import dev.hypha.runtime.HyphaListener;
import dev.hypha.runtime.RunEvent;
import dev.hypha.runtime.RunId;
import dev.hypha.runtime.TaskEvent;
import dev.hypha.runtime.TaskState;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A listener that prints each committed change as it happens, for the samples' progress output. A
 * task waiting for its next attempt is printed with the error of the one that failed and when the
 * next is due.
 */
public final class ProgressPrinter implements HyphaListener {
  private final PrintStream out;
  private final Semaphore runsEnded = new Semaphore(0);

  public ProgressPrinter(PrintStream out) {
    this.out = out;
  }

  @Override
  public void onRunEvent(RunEvent event) {
    out.printf(Locale.ROOT, "  run %s  %s%n", shortId(event.runId()), event.state());
    if (event.state().isFinal()) {
      runsEnded.release();
    }
  }

  @Override
  public void onTaskEvent(TaskEvent event) {
    String detail = "";
    if (event.state() == TaskState.READY && event.error().isPresent()) {
      detail =
          "  attempt "
              + event.attempt()
              + " failed ("
              + HistoryPrinter.describe(event.error().get())
              + "), next attempt due at "
              + event.at();
    } else if (event.state() == TaskState.RUNNING) {
      detail = "  attempt " + event.attempt();
    } else if (event.error().isPresent()) {
      detail = "  " + HistoryPrinter.describe(event.error().get());
    }
    out.printf(
        Locale.ROOT,
        "  run %s  %-28s %s%s%n",
        shortId(event.runId()),
        event.task(),
        event.state(),
        detail);
  }

  /**
   * Waits until {@code runs} runs have ended and their events were printed, so that what is printed
   * next does not interleave with them.
   */
  public boolean awaitRunsEnded(int runs, Duration timeout) throws InterruptedException {
    return runsEnded.tryAcquire(runs, timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The random end of a run id: its start is a timestamp, the same for runs started together. */
  public static String shortId(RunId id) {
    return id.value().substring(id.value().length() - 8);
  }
}
