package dev.hypha.runtime.internal.engine;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The worker threads. When an attempt is stopped (timeout, cancellation, deadline) its thread is
 * interrupted; a task that ignores the interruption keeps its thread, so the pool grows by one
 * until that thread comes back, and counts it: a stuck task never takes a worker away from the
 * engine.
 */
final class WorkerPool {
  private final ThreadPoolExecutor executor;
  private final int size;
  private final AtomicInteger abandoned = new AtomicInteger();
  private final AtomicLong abandonedTotal = new AtomicLong();

  WorkerPool(int threads) {
    this.size = threads;
    AtomicInteger count = new AtomicInteger();
    this.executor =
        new ThreadPoolExecutor(
            threads,
            threads,
            1,
            TimeUnit.MINUTES,
            new LinkedBlockingQueue<>(),
            runnable -> {
              Thread thread = new Thread(runnable, "hypha-worker-" + count.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
  }

  void execute(Runnable task) {
    executor.execute(task);
  }

  /**
   * Stops an attempt: interrupts its thread, and if it is still inside the task, gives that thread
   * up and adds one in its place.
   */
  void stop(Execution execution) {
    execution.skip = true;
    Thread thread = execution.thread;
    if (thread != null
        && execution.lifecycle.compareAndSet(Execution.RUNNING, Execution.ABANDONED)) {
      resize(abandoned.incrementAndGet());
      abandonedTotal.incrementAndGet();
      thread.interrupt();
    }
  }

  /** Called by a worker when an attempt returns, however it ended. */
  void attemptEnded(Execution execution) {
    if (!execution.lifecycle.compareAndSet(Execution.RUNNING, Execution.DONE)) {
      resize(abandoned.decrementAndGet());
    }
  }

  /** Threads given up on and not back yet. */
  int abandonedNow() {
    return abandoned.get();
  }

  /** Threads given up on since the start. */
  long abandonedTotal() {
    return abandonedTotal.get();
  }

  private synchronized void resize(int extra) {
    int target = size + Math.max(0, extra);
    if (target > executor.getMaximumPoolSize()) {
      executor.setMaximumPoolSize(target);
      executor.setCorePoolSize(target);
    } else {
      executor.setCorePoolSize(target);
      executor.setMaximumPoolSize(target);
    }
  }

  void shutdownNow() {
    executor.shutdownNow();
  }
}
