package dev.hypha.runtime.internal.engine;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Where the code that callers chain to Hypha's futures runs: never on an engine thread, so it
 * cannot hold the engine up. The user's executor if one was configured; else two threads of our own
 * with a bounded queue: when it is full, the engine waits for room (back-pressure) instead of
 * letting the queue grow.
 */
final class Callbacks implements Executor {
  private static final int QUEUE = 4_096;

  private final Executor executor;
  private final ExecutorService own;

  Callbacks(Executor userExecutor) {
    if (userExecutor != null) {
      this.executor = userExecutor;
      this.own = null;
    } else {
      ThreadPoolExecutor pool =
          new ThreadPoolExecutor(
              2,
              2,
              1,
              TimeUnit.MINUTES,
              new LinkedBlockingQueue<>(QUEUE),
              DaemonThreads.named("hypha-callbacks", true),
              Callbacks::waitForRoom);
      pool.allowCoreThreadTimeOut(true);
      this.executor = pool;
      this.own = pool;
    }
  }

  @Override
  public void execute(Runnable task) {
    try {
      executor.execute(task);
    } catch (RejectedExecutionException closing) {
      // Shut down (or the user's executor refused): a caller must still hear of its future.
      DaemonThreads.create("hypha-callbacks", task).start();
    }
  }

  void shutdown() {
    if (own != null) {
      own.shutdown();
    }
  }

  private static void waitForRoom(Runnable task, ThreadPoolExecutor pool) {
    if (pool.isShutdown()) {
      throw new RejectedExecutionException("callbacks are shut down");
    }
    try {
      pool.getQueue().put(task);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RejectedExecutionException("interrupted while waiting for room", e);
    }
  }
}
