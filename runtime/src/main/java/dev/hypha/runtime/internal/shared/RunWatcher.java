package dev.hypha.runtime.internal.shared;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Completes the result futures of runs that workers elsewhere execute, by polling the store with a
 * growing pause (5 ms to 1 s), on one daemon thread started with the first watch.
 */
final class RunWatcher implements AutoCloseable {
  private static final long FIRST_PAUSE_MILLIS = 5;
  private static final long MAX_PAUSE_MILLIS = 1_000;

  private ScheduledExecutorService timer;

  /** Calls {@code poll} until it returns true, or fails {@code future} if the watcher closes. */
  synchronized void watch(CompletableFuture<?> future, BooleanSupplier poll) {
    if (timer == null) {
      timer =
          Executors.newSingleThreadScheduledExecutor(
              task -> {
                Thread thread = new Thread(task, "hypha-run-watcher");
                thread.setDaemon(true);
                return thread;
              });
    }
    schedule(future, poll, FIRST_PAUSE_MILLIS);
  }

  private synchronized void schedule(
      CompletableFuture<?> future, BooleanSupplier poll, long pauseMillis) {
    if (timer.isShutdown()) {
      future.completeExceptionally(
          new dev.hypha.runtime.HyphaException("the Hypha watching this run was closed"));
      return;
    }
    timer.schedule(
        () -> {
          if (!future.isDone() && !poll.getAsBoolean()) {
            schedule(future, poll, Math.min(MAX_PAUSE_MILLIS, pauseMillis * 2));
          }
        },
        pauseMillis,
        TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void close() {
    if (timer != null) {
      timer.shutdownNow();
    }
  }
}
