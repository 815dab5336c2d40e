package dev.hypha.runtime.internal.engine;

import java.time.Duration;
import java.util.Arrays;

/**
 * What the engine must do at a given time: start a retry whose backoff has passed, stop an attempt
 * over its timeout, end a run past its deadline, start a delayed task. Engine thread only. Due
 * times are microseconds of {@link System#nanoTime()}, so they fire whatever clock the engine
 * records times with; but a heap made with a clock of its own (the engine's, for delays, whose due
 * times are recorded) compares with that clock.
 *
 * <p>A binary heap whose entries know their position, so a cancelled timer leaves the heap at once
 * (in O(log n)): every attempt with a {@code @Timeout} and every run with a deadline cancels its
 * timer when it ends, and a long-running engine holds only the timers still to fire.
 */
final class Timers {
  enum Kind {
    RETRY_DUE,
    TIMEOUT,
    DEADLINE,
    /** A {@code @Delay}ed row's due time, on the clock the engine records times with. */
    DELAY_DUE
  }

  static final class Timer {
    final long due;
    final Kind kind;
    final ActiveRun run;
    final int row;
    final int attempt;

    /** Its position in the heap, or -1 once fired or cancelled. */
    private int slot = -1;

    Timer(long due, Kind kind, ActiveRun run, int row, int attempt) {
      this.due = due;
      this.kind = kind;
      this.run = run;
      this.row = row;
      this.attempt = attempt;
    }
  }

  private Timer[] heap = new Timer[64];
  private int size;

  /** The now due times are compared with, in microseconds. */
  private final java.util.function.LongSupplier clock;

  /** Timers due on {@link #now()}, the monotonic clock. */
  Timers() {
    this(Timers::now);
  }

  /** Timers due on {@code clock}, in microseconds: for due times that are recorded. */
  Timers(java.util.function.LongSupplier clock) {
    this.clock = clock;
  }

  /** A new, empty heap whose due times are on this heap's clock. */
  Timers sameClock() {
    return new Timers(clock);
  }

  /** The monotonic now, in microseconds. */
  static long now() {
    return System.nanoTime() / 1000;
  }

  /** The now this heap's due times are compared with, in microseconds. */
  long nowMicros() {
    return clock.getAsLong();
  }

  /** When the next timer is due, on this heap's clock, or -1 when there is none. */
  long nextDue() {
    return size == 0 ? -1 : heap[0].due;
  }

  Timer add(long due, Kind kind, ActiveRun run, int row, int attempt) {
    Timer timer = new Timer(due, kind, run, row, attempt);
    if (size == heap.length) {
      heap = Arrays.copyOf(heap, size * 2);
    }
    place(timer, size++);
    siftUp(timer.slot);
    return timer;
  }

  /** Cancels {@code timer}: it leaves the heap now. Null and spent timers are ignored. */
  void cancel(Timer timer) {
    if (timer == null || timer.slot < 0) {
      return;
    }
    int slot = timer.slot;
    timer.slot = -1;
    Timer last = heap[--size];
    heap[size] = null;
    if (slot < size) {
      place(last, slot);
      siftDown(slot);
      siftUp(last.slot);
    }
    shrink();
  }

  /** The next due timer, removed, if one is due. */
  Timer poll() {
    if (size == 0 || heap[0].due > clock.getAsLong()) {
      return null;
    }
    Timer next = heap[0];
    cancel(next);
    return next;
  }

  /** Microseconds until the next timer is due (0 if one is), or -1 when there is none. */
  long untilNext() {
    return size == 0 ? -1 : Math.max(0, heap[0].due - clock.getAsLong());
  }

  /** How many timers wait to fire. */
  int size() {
    return size;
  }

  /** {@code duration} in microseconds, saturated so a huge policy value cannot overflow. */
  static long micros(Duration duration) {
    return dev.hypha.runtime.internal.store.Micros.of(duration);
  }

  private void place(Timer timer, int slot) {
    heap[slot] = timer;
    timer.slot = slot;
  }

  private void siftUp(int slot) {
    Timer timer = heap[slot];
    while (slot > 0) {
      int parent = (slot - 1) >>> 1;
      if (heap[parent].due <= timer.due) {
        break;
      }
      place(heap[parent], slot);
      slot = parent;
    }
    place(timer, slot);
  }

  private void siftDown(int slot) {
    Timer timer = heap[slot];
    int half = size >>> 1;
    while (slot < half) {
      int child = 2 * slot + 1;
      if (child + 1 < size && heap[child + 1].due < heap[child].due) {
        child++;
      }
      if (timer.due <= heap[child].due) {
        break;
      }
      place(heap[child], slot);
      slot = child;
    }
    place(timer, slot);
  }

  /** Gives back memory after a burst of timers: the array never stays four times too large. */
  private void shrink() {
    if (heap.length > 64 && size < heap.length / 4) {
      heap = Arrays.copyOf(heap, heap.length / 2);
    }
  }
}
