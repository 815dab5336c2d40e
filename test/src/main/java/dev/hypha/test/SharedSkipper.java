package dev.hypha.test;

import dev.hypha.runtime.Hypha;
import dev.hypha.runtime.RunDetail;
import dev.hypha.runtime.RunQuery;
import dev.hypha.runtime.RunState;
import dev.hypha.runtime.RunSummary;
import dev.hypha.runtime.TaskRecord;
import dev.hypha.runtime.TaskState;
import dev.hypha.runtime.internal.store.Micros;
import java.time.Instant;
import java.util.Optional;

/**
 * Time skipping on a shared store, whose workers do not tell the clock when they are idle: while a
 * thread awaits a run, a daemon thread reads the store's running runs every few milliseconds, and
 * when no task of theirs runs or is due, only READY tasks with a due time ahead, it moves the clock
 * to the earliest of those. It goes by two looks in a row that agree, and the store's rows are
 * written in the transactions that change them, so it never skips past work under way. A run that
 * waits for a signal without a timeout, or a sub-flow's parent task, holds it back: they are not
 * waits for a time.
 */
final class SharedSkipper implements AutoCloseable {
  private static final long LOOK_EVERY_MILLIS = 10;
  private static final RunQuery RUNNING =
      RunQuery.builder().state(RunState.RUNNING).limit(1000).build();

  private final Thread thread;
  private volatile boolean stopped;

  SharedSkipper(Hypha hypha, SkippingClock clock) {
    this.thread = new Thread(() -> loop(hypha, clock), "hypha-test-time-skipper");
    thread.setDaemon(true);
    thread.start();
  }

  private void loop(Hypha hypha, SkippingClock clock) {
    long agreed = -1;
    while (!stopped) {
      try {
        Thread.sleep(LOOK_EVERY_MILLIS);
        long target = clock.skipping() ? nextDue(hypha, clock.nowMicros()) : -1;
        if (target > 0 && target == agreed) {
          clock.skipTo(target);
          agreed = -1;
        } else {
          agreed = target;
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        agreed = -1; // a read that failed (the store closing): look again
      }
    }
  }

  /** The earliest due time of the running runs if they only wait for times, else -1. */
  private static long nextDue(Hypha hypha, long now) {
    long next = Long.MAX_VALUE;
    for (RunSummary run : hypha.history().find(RUNNING).items()) {
      Optional<RunDetail> detail = hypha.history().detail(run.id());
      if (detail.isEmpty()) {
        return -1;
      }
      for (TaskRecord task : detail.get().tasks()) {
        if (task.state() == TaskState.RUNNING) {
          return -1;
        }
        if (task.state() == TaskState.READY) {
          Optional<Instant> readyAt = task.readyAt();
          if (readyAt.isEmpty() || Micros.of(readyAt.get()) <= now) {
            return -1;
          }
          next = Math.min(next, Micros.of(readyAt.get()));
        }
      }
    }
    return next == Long.MAX_VALUE ? -1 : next;
  }

  @Override
  public void close() {
    stopped = true;
    thread.interrupt();
    try {
      thread.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
