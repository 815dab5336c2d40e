package dev.hypha.runtime;

import java.time.Duration;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Bounded polls for the engine tests: a condition is read again every few milliseconds until it
 * holds or the bound passes. The bound is a hang guard, never a speed requirement.
 */
public final class Waits {
  static final Duration BOUND = Duration.ofSeconds(20);
  private static final long PAUSE_MILLIS = 5;

  private Waits() {}

  /** Reads {@code read} until {@code done} accepts its value or the bound passes; returns it. */
  static <T> T until(Supplier<T> read, Predicate<T> done) {
    long deadline = System.nanoTime() + BOUND.toNanos();
    T value = read.get();
    while (!done.test(value) && System.nanoTime() < deadline) {
      pause();
      value = read.get();
    }
    return value;
  }

  /** Waits until {@code condition} holds; fails naming {@code what} if it does not in time. */
  public static void until(BooleanSupplier condition, String what) {
    if (!until(condition::getAsBoolean, Boolean::booleanValue)) {
      throw new AssertionError("not within " + BOUND + ": " + what);
    }
  }

  /** The live threads named exactly {@code name}. */
  static Set<Thread> threadsNamed(String name) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.getName().equals(name))
        .collect(Collectors.toSet());
  }

  /** The one engine thread that is not in {@code before}: the engine of a Hypha just opened. */
  static Thread newEngineThread(Set<Thread> before) {
    Set<Thread> started = threadsNamed("hypha-engine");
    started.removeAll(before);
    if (started.size() != 1) {
      throw new AssertionError("expected one new hypha-engine thread, found " + started);
    }
    return started.iterator().next();
  }

  private static void pause() {
    try {
      Thread.sleep(PAUSE_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while polling", e);
    }
  }
}
