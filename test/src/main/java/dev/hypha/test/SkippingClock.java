package dev.hypha.test;

import dev.hypha.runtime.internal.engine.ControlledTime;
import dev.hypha.runtime.internal.store.Micros;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The {@link TestClock} of the extension: microseconds since the epoch under its own lock, and the
 * engine's {@link ControlledTime} hook, through which the embedded engine tells it when it is idle.
 * A shared store's engine does not: {@link SharedSkipper} reads the store instead and calls {@link
 * #skipTo}.
 */
final class SkippingClock extends TestClock implements ControlledTime {
  private final boolean skip;
  private final List<Runnable> wakers = new CopyOnWriteArrayList<>();
  private final PriorityQueue<Sleeper> sleepers =
      new PriorityQueue<>((a, b) -> Long.compare(a.due, b.due));
  private long now = Micros.of(START);
  private int awaiting;

  /** A thread in {@link #sleep}, until {@code due}. */
  private static final class Sleeper {
    final long due;

    Sleeper(long due) {
      this.due = due;
    }
  }

  SkippingClock(boolean skip) {
    this.skip = skip;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public synchronized Instant instant() {
    return Micros.toInstant(now);
  }

  @Override
  public void advance(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException(
          "a test clock does not go back, so advance("
              + duration
              + ") is refused; pass a positive"
              + " duration");
    }
    synchronized (this) {
      moveTo(now + Micros.of(duration));
    }
    wakeEngines();
  }

  @Override
  public void advanceTo(Instant instant) {
    synchronized (this) {
      moveTo(Math.max(now, Micros.due(instant)));
    }
    wakeEngines();
  }

  @Override
  public void sleep(Duration duration) throws InterruptedException {
    Sleeper sleeper;
    synchronized (this) {
      sleeper = new Sleeper(now + Micros.of(duration));
      if (sleeper.due <= now) {
        return;
      }
      sleepers.add(sleeper);
    }
    // The engine looks again: with every running task asleep here, time may skip.
    wakeEngines();
    synchronized (this) {
      try {
        while (now < sleeper.due) {
          wait();
        }
      } finally {
        sleepers.remove(sleeper);
      }
    }
  }

  @Override
  public AutoCloseable onChange(Runnable wake) {
    wakers.add(wake);
    return () -> wakers.remove(wake);
  }

  @Override
  public synchronized boolean idle(long nextDueMicros, int running) {
    if (!skipping() || running > sleepers.size()) {
      return false;
    }
    long target = nextDueMicros < 0 ? Long.MAX_VALUE : nextDueMicros;
    if (!sleepers.isEmpty()) {
      target = Math.min(target, sleepers.peek().due);
    }
    if (target == Long.MAX_VALUE || target <= now) {
      return false;
    }
    moveTo(target);
    return true;
  }

  @Override
  public void awaiting(boolean begins) {
    synchronized (this) {
      awaiting += begins ? 1 : -1;
    }
    if (begins) {
      wakeEngines();
    }
  }

  /**
   * Moves the clock to {@code micros} if it may skip now (a thread awaits a run) and that is ahead;
   * whether it moved. For stores whose engine does not report idleness itself.
   */
  boolean skipTo(long micros) {
    synchronized (this) {
      if (!skipping() || micros <= now) {
        return false;
      }
      moveTo(micros);
    }
    wakeEngines();
    return true;
  }

  /** Whether time may skip by itself now: it is on, and a thread awaits a run. */
  synchronized boolean skipping() {
    return skip && awaiting > 0;
  }

  synchronized long nowMicros() {
    return now;
  }

  /** Under the lock: the clock moves, and sleepers due by then wake. */
  private void moveTo(long micros) {
    now = micros;
    while (!sleepers.isEmpty() && sleepers.peek().due <= now) {
      sleepers.poll();
    }
    notifyAll();
  }

  private void wakeEngines() {
    for (Runnable wake : wakers) {
      wake.run();
    }
  }
}
