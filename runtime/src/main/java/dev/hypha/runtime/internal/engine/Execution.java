package dev.hypha.runtime.internal.engine;

/**
 * One attempt of one row handed to a worker. The engine thread settles it exactly once — when its
 * outcome arrives, or earlier when it times out, the run is cancelled or its deadline passes — and
 * ignores whatever a settled execution reports later.
 *
 * <p>The worker and {@link WorkerPool#stop} meet through {@link #lifecycle}, changed under the
 * execution's lock: a stop before the worker starts skips the attempt, a stop while it runs
 * interrupts its thread (and gives it up), and the worker clears that interruption before its
 * thread moves on, so it never reaches another attempt.
 */
final class Execution {
  enum Lifecycle {
    /** Handed to the pool, not started. */
    QUEUED,
    /** A worker thread is inside the attempt. */
    RUNNING,
    /** The worker returned. */
    DONE,
    /** Stopped before it started; the worker will skip it. */
    SKIPPED,
    /** Stopped while running: its thread was interrupted and replaced. */
    ABANDONED
  }

  final ActiveRun run;
  final int row;
  final int attempt;

  /** Set for a fault handler run on its own after a timeout: the exception to handle. */
  final Throwable faultOnly;

  /**
   * Set for the collection of a fan-out's outputs, run on a worker once its last instance ended:
   * the fan-out whose instances' outputs make the task's.
   */
  FanOut collect;

  /**
   * Resolved on the engine thread when dispatched, for the worker to read without touching the
   * run's fan-outs: the flow's row the attempt runs (the task itself, or the task of which it is an
   * instance), its name, and for an instance its element's JSON and whether it is a loop's
   * iteration.
   */
  int task;

  String name;
  String elementJson;

  /** For a task that waits for a signal: the payload it took, or null if its wait timed out. */
  String signalJson;

  boolean instance;
  boolean loop;

  /** Engine thread only: whether the outcome has been decided. */
  boolean settled;

  /** Engine thread only: the timer of the attempt's {@code @Timeout}, if any. */
  Timers.Timer timeout;

  /** When the row became ready, if the store does not say so yet (0 if it does). */
  long readyAt;

  /** When the worker began the attempt, epoch microseconds; set before the engine hears of it. */
  volatile long startedAt;

  /** When the worker started the attempt, in System.nanoTime(), 0 before. */
  volatile long startedNanos;

  private Lifecycle lifecycle = Lifecycle.QUEUED;
  private Thread thread;

  Execution(ActiveRun run, int row, int attempt, Throwable faultOnly) {
    this.run = run;
    this.row = row;
    this.attempt = attempt;
    this.faultOnly = faultOnly;
  }

  /** Engine thread: resolves what the worker reads of the row (see {@link #task}). */
  void resolve() {
    task = run.taskOf(row);
    name = run.rowName(row);
    if (run.signalPayloads != null && row < run.signalPayloads.length) {
      signalJson = run.signalPayloads[row];
    }
    FanOut fanOut = run.fanOutOf(row);
    if (fanOut != null) {
      instance = true;
      loop = fanOut.loop;
      elementJson = fanOut.element(row);
    }
  }

  /** Called by the worker; false if the attempt was stopped before it started. */
  synchronized boolean begin() {
    if (lifecycle != Lifecycle.QUEUED) {
      return false;
    }
    lifecycle = Lifecycle.RUNNING;
    thread = Thread.currentThread();
    startedNanos = System.nanoTime();
    return true;
  }

  /**
   * Called by the worker when the attempt returned; clears an interruption meant for it. Returns
   * whether the attempt had been abandoned (its thread replaced in the meantime).
   */
  synchronized boolean end() {
    thread = null;
    Thread.interrupted();
    boolean abandoned = lifecycle == Lifecycle.ABANDONED;
    lifecycle = Lifecycle.DONE;
    return abandoned;
  }

  /** Whether the worker has returned from the attempt (its outcome is on its way). */
  synchronized boolean isDone() {
    return lifecycle == Lifecycle.DONE;
  }

  /** Whether a worker thread is inside the attempt (not yet returned). */
  synchronized boolean isRunning() {
    return lifecycle == Lifecycle.RUNNING || lifecycle == Lifecycle.ABANDONED;
  }

  /** Stops the attempt; returns true if its running thread was interrupted and given up. */
  synchronized boolean stop() {
    if (lifecycle == Lifecycle.QUEUED) {
      lifecycle = Lifecycle.SKIPPED;
      return false;
    }
    if (lifecycle == Lifecycle.RUNNING) {
      lifecycle = Lifecycle.ABANDONED;
      thread.interrupt();
      return true;
    }
    return false;
  }
}
