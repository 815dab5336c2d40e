package dev.hypha.runtime.internal.engine;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Where the code that callers chain to Hypha's futures runs: never on an engine thread, so it
 * cannot hold the engine up. The user's executor if one was configured; else two threads of our
 * own. The engine never waits for room here (the code it hands over may itself wait for the
 * engine); the queue is bounded by what feeds it instead: one completion per start and per awaited
 * result, and starts wait while {@code maxActiveRuns} runs are under way.
 */
final class Callbacks implements Executor {
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
              new LinkedBlockingQueue<>(),
              DaemonThreads.named("hypha-callbacks", true));
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
}
