package dev.hypha.runtime.internal.engine;

import dev.hypha.runtime.AttemptEvent;
import dev.hypha.runtime.HyphaListener;
import dev.hypha.runtime.RunEvent;
import dev.hypha.runtime.TaskEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers committed events to the registered listeners on one thread, in commit order. The engine
 * never waits for a listener (a listener may itself call Hypha); instead, once {@link #HIGH_WATER}
 * batches of events wait for a slow listener, new starts wait until it catches up (back-pressure on
 * what produces events), so nothing is dropped and the queue stays bounded. On a shared store, a
 * process's listeners hear what that process commits, and nothing waits for them.
 */
public final class Listeners {
  private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);

  /** Batches of events waiting, above which new starts wait. */
  public static final int HIGH_WATER = 1_024;

  private final List<HyphaListener> listeners = new CopyOnWriteArrayList<>();

  /** Started with the first listener, so that a Hypha nobody listens to builds no events. */
  private volatile ThreadPoolExecutor thread;

  private boolean closed;

  /** Notified by the listener thread each time its backlog is at or below the high water. */
  private final Object caughtUp = new Object();

  public Listeners(List<HyphaListener> listeners) {
    listeners.forEach(this::add);
  }

  /**
   * Adds a listener, which hears of the batches published from now on; one added while a batch is
   * being built may hear of part of it. Ignored once closed.
   */
  public synchronized void add(HyphaListener listener) {
    if (closed) {
      return;
    }
    listeners.add(listener);
    if (thread == null) {
      thread =
          new ThreadPoolExecutor(
              1,
              1,
              0,
              TimeUnit.MILLISECONDS,
              new LinkedBlockingQueue<>(),
              DaemonThreads.named("hypha-listeners", false));
    }
  }

  /** Whether anybody listens; the engine builds no events otherwise. */
  public boolean enabled() {
    return thread != null;
  }

  /** Hands a batch's events, already committed, to the listener thread. */
  public void publish(List<Object> events) {
    if (events.isEmpty()) {
      return;
    }
    List<Object> copy = List.copyOf(events);
    ThreadPoolExecutor thread = this.thread;
    if (thread == null) {
      return;
    }
    thread.execute(
        () -> {
          copy.forEach(this::deliver);
          if (backlog() <= HIGH_WATER) {
            synchronized (caughtUp) {
              caughtUp.notifyAll();
            }
          }
        });
  }

  /**
   * Waits up to {@code millis} for the listeners to have at most {@link #HIGH_WATER} batches
   * waiting, woken as soon as they do; returns whether they have.
   */
  public boolean awaitRoom(long millis) throws InterruptedException {
    synchronized (caughtUp) {
      if (backlog() > HIGH_WATER) {
        caughtUp.wait(millis);
      }
    }
    return backlog() <= HIGH_WATER;
  }

  private void deliver(Object event) {
    for (HyphaListener listener : listeners) {
      try {
        if (event instanceof TaskEvent taskEvent) {
          listener.onTaskEvent(taskEvent);
        } else if (event instanceof AttemptEvent attemptEvent) {
          listener.onAttemptEnded(attemptEvent);
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

  /** Batches of events waiting for the listener thread. */
  public int backlog() {
    ThreadPoolExecutor thread = this.thread;
    return thread == null ? 0 : thread.getQueue().size();
  }

  /** Delivers what is queued, waiting at most {@code millis}. */
  public void close(long millis) {
    ThreadPoolExecutor thread;
    synchronized (this) {
      closed = true;
      thread = this.thread;
    }
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
