package dev.hypha.runtime.internal.engine;

import java.time.Clock;
import java.util.function.Supplier;

/**
 * A clock that a test moves, and that may move by itself while the engine has nothing to do but
 * wait: implemented by the {@link Clock} given to {@code Hypha.builder().clock(...)} (the {@code
 * hypha-test} module's {@code TestClock}). Not for applications.
 *
 * <p>With such a clock the embedded engine measures every wait on it, not on {@link
 * System#nanoTime()}: retry backoffs, {@code @Timeout}s, run deadlines, {@code @Delay}s and signal
 * timeouts end when the clock reaches their due time. The engine registers a waker with {@link
 * #onChange}, which the clock calls when it moves (or when a thread starts to {@linkplain #awaiting
 * await} a run), and tells the clock each time it is {@linkplain #idle idle}. With any other clock
 * none of this is looked at. Implementations are thread-safe.
 */
public interface ControlledTime {

  /**
   * Registers {@code wake}, run (on the thread that moves the clock) after each move and after a
   * thread starts to await a run; the engine then looks at its timers again. Returns what removes
   * it.
   */
  AutoCloseable onChange(Runnable wake);

  /**
   * Called by the engine thread when no command waits and nothing it could run is ready: {@code
   * running} attempts are under way, and its next timer is due at {@code nextDueMicros} (epoch
   * microseconds on this clock), or -1 when none is set. The clock may move forward now, to the
   * next instant something is due; it returns whether it moved, and then the engine fires what is
   * due before it waits again.
   */
  boolean idle(long nextDueMicros, int running);

  /**
   * A thread starts ({@code true}) or stops ({@code false}) waiting for a run's end in {@code
   * Run.await}: a clock that skips only while somebody waits for a result goes by this.
   */
  void awaiting(boolean begins);

  /** {@code clock} as a controlled time, or null for an ordinary clock. */
  static ControlledTime of(Clock clock) {
    return clock instanceof ControlledTime controlled ? controlled : null;
  }

  /**
   * Runs {@code await}, a wait for a run's end, telling {@code clock} while it waits if it is a
   * controlled time; with an ordinary clock it only runs it.
   */
  static <T> T awaiting(Clock clock, Supplier<T> await) {
    ControlledTime time = of(clock);
    if (time == null) {
      return await.get();
    }
    time.awaiting(true);
    try {
      return await.get();
    } finally {
      time.awaiting(false);
    }
  }
}
