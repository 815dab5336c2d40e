package dev.hypha.test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The clock of a {@link HyphaTest}'s Hypha: it stands still unless moved, by {@link
 * #advance(Duration)} or by itself. It moves by itself (when {@link HyphaTest#skipTime()} is on,
 * the default) while a thread waits in {@code Run.await(...)} and the engine has nothing left to do
 * but wait for a time: no task runs (or every running task {@linkplain #sleep sleeps on this
 * clock}), nothing is ready. It then jumps to the next instant something is due — a retry's
 * backoff, a {@code @Delay} or {@code @WaitUntil}, a signal's timeout, a {@code @Timeout}, a run's
 * deadline — so a flow that waits a day ends in milliseconds of wall time, with the day recorded in
 * its history.
 *
 * <p>A task's {@code @Timeout} is measured on this clock too, but a task that blocks (in {@code
 * Thread.sleep}, on a socket) holds the engine busy, and time does not skip past a method that is
 * running: give the flow this clock and call {@link #sleep(Duration)} where the task would wait,
 * and the timeout is skipped to like any other due time.
 *
 * <p>Starts at {@link #START}; time zone UTC. Thread-safe. Not for subclassing.
 */
public abstract class TestClock extends Clock {
  /** Where every test clock starts: 2026-01-01T00:00:00Z. */
  public static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  TestClock() {}

  /**
   * Moves the clock forward by {@code duration} now, whoever waits: what is due by then fires at
   * once (the engine is woken), and {@linkplain #sleep sleepers} due by then wake up.
   *
   * @throws IllegalArgumentException if {@code duration} is negative: a clock does not go back
   */
  public abstract void advance(Duration duration);

  /**
   * Moves the clock forward to {@code instant}; nothing happens if it is there or past it already.
   */
  public abstract void advanceTo(Instant instant);

  /**
   * Blocks the calling thread until this clock has moved {@code duration} past now: a task's
   * stand-in for {@code Thread.sleep} that lets time skip while it waits. Interruptible (a
   * {@code @Timeout} or a cancellation interrupts the task's thread).
   */
  public abstract void sleep(Duration duration) throws InterruptedException;

  /** How far the clock has moved since {@link #START}. */
  public Duration elapsed() {
    return Duration.between(START, instant());
  }
}
