package dev.hypha.runtime.internal.engine;

import java.util.PriorityQueue;

/**
 * What the engine must do at a given time: start a retry whose backoff has passed, stop an attempt
 * over its timeout, end a run past its deadline. Engine thread only. Due times are microseconds of
 * {@link System#nanoTime()}, so they fire whatever clock the engine records times with. A timer is
 * cancelled when what it watches ends: it lets go of its run at once (so it never keeps a finished
 * run in memory) and leaves the queue when it falls due.
 */
final class Timers {
  enum Kind {
    RETRY_DUE,
    TIMEOUT,
    DEADLINE
  }

  static final class Timer implements Comparable<Timer> {
    final long due;
    final Kind kind;

    /** Null once cancelled. */
    ActiveRun run;

    final int row;
    final int attempt;

    Timer(long due, Kind kind, ActiveRun run, int row, int attempt) {
      this.due = due;
      this.kind = kind;
      this.run = run;
      this.row = row;
      this.attempt = attempt;
    }

    @Override
    public int compareTo(Timer other) {
      return Long.compare(due, other.due);
    }
  }

  private final PriorityQueue<Timer> queue = new PriorityQueue<>();

  /** The monotonic now, in microseconds. */
  static long now() {
    return System.nanoTime() / 1000;
  }

  Timer add(long due, Kind kind, ActiveRun run, int row, int attempt) {
    Timer timer = new Timer(due, kind, run, row, attempt);
    queue.add(timer);
    return timer;
  }

  /** Cancels {@code timer} (null is ignored). */
  static void cancel(Timer timer) {
    if (timer != null) {
      timer.run = null;
    }
  }

  /** The next due timer that is not cancelled, removed, if one is due. */
  Timer poll() {
    while (true) {
      Timer next = queue.peek();
      if (next == null || next.due > now()) {
        return null;
      }
      queue.poll();
      if (next.run != null) {
        return next;
      }
    }
  }

  /** Microseconds until the next timer is due (0 if one is), or -1 when there is none. */
  long untilNext() {
    Timer next = queue.peek();
    while (next != null && next.run == null && next.due <= now()) {
      queue.poll();
      next = queue.peek();
    }
    return next == null ? -1 : Math.max(0, next.due - now());
  }

  /** {@code duration} in microseconds, saturated so a huge policy value cannot overflow. */
  static long micros(java.time.Duration duration) {
    try {
      return duration.toNanos() / 1000;
    } catch (ArithmeticException tooLong) {
      return Long.MAX_VALUE / 4;
    }
  }
}
