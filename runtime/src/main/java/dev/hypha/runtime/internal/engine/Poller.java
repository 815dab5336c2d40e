package dev.hypha.runtime.internal.engine;

import dev.hypha.runtime.HyphaException;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Completes the result futures of runs executed elsewhere (another process, or a flow not bound
 * here) by reading the store: each watched run is read after 5 ms, then with the pause doubling up
 * to one second, on one shared thread; the future itself completes on the callback executor. A
 * future the caller cancels stops its polling; a future still waiting when the Hypha closes fails
 * with a {@link HyphaException} rather than wait forever.
 */
final class Poller implements AutoCloseable {
  private static final long FIRST_MILLIS = 5;
  private static final long MAX_MILLIS = 1_000;

  private final ScheduledThreadPoolExecutor timer;
  private final Executor callbacks;
  private final Set<CompletableFuture<?>> watched = ConcurrentHashMap.newKeySet();

  Poller(Executor callbacks) {
    this.callbacks = callbacks;
    this.timer = new ScheduledThreadPoolExecutor(1, DaemonThreads.named("hypha-poller", false));
    this.timer.setRemoveOnCancelPolicy(true);
  }

  <T> void watch(RunHandle<T> run, CompletableFuture<T> result) {
    watched.add(result);
    result.whenComplete((value, error) -> watched.remove(result));
    if (timer.isShutdown()) {
      result.completeExceptionally(closed(run));
      return;
    }
    schedule(run, result, FIRST_MILLIS);
  }

  private <T> void schedule(RunHandle<T> run, CompletableFuture<T> result, long pause) {
    if (result.isDone() || timer.isShutdown()) {
      return;
    }
    try {
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
    } catch (RejectedExecutionException closing) {
      result.completeExceptionally(closed(run));
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
    for (CompletableFuture<?> result : watched) {
      result.completeExceptionally(
          new HyphaException(
              "this Hypha was closed before the run ended; open a Hypha on the same store and ask"
                  + " for its result again"));
    }
  }

  private static HyphaException closed(RunHandle<?> run) {
    return new HyphaException(
        "this Hypha is closed, so it cannot wait for run "
            + run.id()
            + "; open a Hypha on the same store and ask for its result again");
  }
}
