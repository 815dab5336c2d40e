package dev.hypha.runtime.internal.engine;

import java.util.concurrent.atomic.AtomicReference;

/**
 * A worker that just reported an attempt's end waits here a moment for the next attempt, and the
 * engine hands it over directly after its commit: in a chain of tasks the thread that finished step
 * n runs step n+1 as soon as the commit that records n and claims n+1 is durable, without a trip
 * through the pool's queue and without parking and waking a thread. One worker at a time waits; the
 * wait is short and yields the processor, so on a busy engine it costs little.
 */
final class Handoff {
  private static final long WAIT_NANOS = 1_000_000;

  /** A waiting worker's mailbox. */
  private static final class Waiter {
    volatile Runnable task;
  }

  private final AtomicReference<Waiter> waiting = new AtomicReference<>();

  /** Gives {@code task} to the waiting worker, if one waits; false otherwise. */
  boolean offer(Runnable task) {
    Waiter waiter = waiting.getAndSet(null);
    if (waiter == null) {
      return false;
    }
    waiter.task = task;
    return true;
  }

  /** Waits a moment for a task handed over by {@link #offer}; null if none came. */
  Runnable await() {
    Waiter me = new Waiter();
    if (!waiting.compareAndSet(null, me)) {
      return null; // Another worker waits already.
    }
    long until = System.nanoTime() + WAIT_NANOS;
    for (int spins = 0; System.nanoTime() < until; spins++) {
      Runnable task = me.task;
      if (task != null) {
        return task;
      }
      if (spins < 64) {
        Thread.onSpinWait();
      } else {
        Thread.yield();
      }
    }
    if (waiting.compareAndSet(me, null)) {
      return null;
    }
    // Taken by offer() just now: the task is on its way.
    Runnable task;
    while ((task = me.task) == null) {
      Thread.onSpinWait();
    }
    return task;
  }
}
