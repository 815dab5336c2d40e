package dev.hypha.runtime.internal.engine;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The worker threads. When a running attempt is stopped (timeout, cancellation, deadline) its
 * thread is interrupted and given up: the pool grows by one thread until that one comes back, so a
 * task that ignores the interruption never takes a worker away from the engine.
 */
final class WorkerPool {
  private final ThreadPoolExecutor executor;
  private final int size;
  private int away;
  private long awayTotal;

  WorkerPool(int threads) {
    this.size = threads;
    this.executor =
        new ThreadPoolExecutor(
            threads,
            threads,
            1,
            TimeUnit.MINUTES,
            new LinkedBlockingQueue<>(),
            DaemonThreads.named("hypha-worker", true));
  }

  /** Runs {@code task} on a worker; false once the pool is shut down. */
  boolean execute(Runnable task) {
    try {
      executor.execute(task);
      return true;
    } catch (RejectedExecutionException e) {
      return false;
    }
  }

  /** Stops an attempt; a thread interrupted inside it is replaced until it returns. */
  void stop(Execution execution) {
    if (execution.stop()) {
      changeAway(+1);
    }
  }

  /** Called by a worker when an attempt returns; {@code abandoned} from {@link Execution#end}. */
  void returned(boolean abandoned) {
    if (abandoned) {
      changeAway(-1);
    }
  }

  /** Threads stopped inside an attempt that have not returned yet (each one replaced). */
  synchronized int abandonedNow() {
    return away;
  }

  /** Threads stopped inside an attempt since the start. */
  synchronized long abandonedTotal() {
    return awayTotal;
  }

  private synchronized void changeAway(int change) {
    away += change;
    if (change > 0) {
      awayTotal++;
    }
    int target = size + away;
    if (target > executor.getMaximumPoolSize()) {
      executor.setMaximumPoolSize(target);
      executor.setCorePoolSize(target);
    } else {
      executor.setCorePoolSize(target);
      executor.setMaximumPoolSize(target);
    }
  }

  /** Drops the attempts handed to the pool that no thread has taken yet; they never begin. */
  void dropQueued() {
    executor.getQueue().clear();
  }

  void shutdownNow() {
    executor.shutdownNow();
  }
}
