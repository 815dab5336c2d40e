package dev.hypha.runtime.internal.engine;

import java.util.PriorityQueue;

/**
 * What the engine must do at a given time: start a retry whose backoff has passed, stop an attempt
 * over its timeout, end a run past its deadline. Engine thread only. Due times are in epoch
 * microseconds of the engine's clock; a timer whose run or attempt has moved on does nothing.
 */
final class Timers {
  enum Kind {
    RETRY_DUE,
    TIMEOUT,
    DEADLINE
  }

  record Timer(long due, Kind kind, ActiveRun run, int row, int attempt)
      implements Comparable<Timer> {
    @Override
    public int compareTo(Timer other) {
      return Long.compare(due, other.due);
    }
  }

  private final PriorityQueue<Timer> queue = new PriorityQueue<>();

  void add(long due, Kind kind, ActiveRun run, int row, int attempt) {
    queue.add(new Timer(due, kind, run, row, attempt));
  }

  /** The next due timer, removed, if one is due at {@code now}. */
  Timer poll(long now) {
    Timer next = queue.peek();
    if (next == null || next.due() > now) {
      return null;
    }
    return queue.poll();
  }

  /** Microseconds until the next timer is due (0 if one is), or -1 when there is none. */
  long untilNext(long now) {
    Timer next = queue.peek();
    return next == null ? -1 : Math.max(0, next.due() - now);
  }
}
