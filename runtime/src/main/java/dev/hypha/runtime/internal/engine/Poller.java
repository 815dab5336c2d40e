package dev.hypha.runtime.internal.engine;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Completes the result futures of runs executed elsewhere (another process, or a flow not bound
 * here) by reading the store: each watched run is read after 5 ms, then with the pause doubling up
 * to one second, on one shared thread; the future itself completes on the callback executor. A
 * future the caller cancels stops its polling.
 */
final class Poller implements AutoCloseable {
  private static final long FIRST_MILLIS = 5;
  private static final long MAX_MILLIS = 1_000;

  private final ScheduledThreadPoolExecutor timer;
  private final Executor callbacks;

  Poller(Executor callbacks) {
    this.callbacks = callbacks;
    this.timer = new ScheduledThreadPoolExecutor(1, DaemonThreads.named("hypha-poller", false));
    this.timer.setRemoveOnCancelPolicy(true);
  }

  <T> void watch(RunHandle<T> run, CompletableFuture<T> result) {
    schedule(run, result, FIRST_MILLIS);
  }

  private <T> void schedule(RunHandle<T> run, CompletableFuture<T> result, long pause) {
    if (result.isDone() || timer.isShutdown()) {
      return;
    }
    timer.schedule(
        () ->
            callbacks.execute(
                () -> {
                  if (!result.isDone() && !run.poll(result)) {
                    schedule(run, result, Math.min(MAX_MILLIS, pause * 2));
                  }
                }),
        pause,
        TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
