package dev.hypha.runtime.internal.engine;

import dev.hypha.runtime.HyphaListener;
import dev.hypha.runtime.RunEvent;
import dev.hypha.runtime.TaskEvent;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers committed events to the registered listeners on one thread, in commit order. At most
 * {@link #QUEUE} batches of events wait for a slow listener; then the engine waits for room
 * (back-pressure on every run) rather than drop events or let the queue grow without end.
 */
final class Listeners {
  private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);

  private static final int QUEUE = 1_024;

  private final List<HyphaListener> listeners;
  private final ExecutorService thread;

  Listeners(List<HyphaListener> listeners) {
    this.listeners = List.copyOf(listeners);
    this.thread =
        listeners.isEmpty()
            ? null
            : new ThreadPoolExecutor(
                1,
                1,
                0,
                TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(QUEUE),
                DaemonThreads.named("hypha-listeners", false),
                Listeners::waitForRoom);
  }

  /** Whether anybody listens; the engine builds no events otherwise. */
  boolean enabled() {
    return thread != null;
  }

  /** Hands a batch's events, already committed, to the listener thread. */
  void publish(List<Object> events) {
    if (events.isEmpty()) {
      return;
    }
    List<Object> copy = List.copyOf(events);
    thread.execute(() -> copy.forEach(this::deliver));
  }

  private void deliver(Object event) {
    for (HyphaListener listener : listeners) {
      try {
        if (event instanceof TaskEvent taskEvent) {
          listener.onTaskEvent(taskEvent);
        } else {
          listener.onRunEvent((RunEvent) event);
        }
      } catch (VirtualMachineError e) {
        throw e;
      } catch (Throwable e) {
        LOG.warn("listener {} threw on {}; the run goes on", listener, event, e);
      }
    }
  }

  private static void waitForRoom(Runnable delivery, ThreadPoolExecutor pool) {
    if (pool.isShutdown()) {
      return; // Closing: what was not committed to a listener's queue is not delivered.
    }
    try {
      pool.getQueue().put(delivery);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Delivers what is queued, waiting at most {@code millis}. */
  void close(long millis) {
    if (thread == null) {
      return;
    }
    thread.shutdown();
    try {
      thread.awaitTermination(millis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
