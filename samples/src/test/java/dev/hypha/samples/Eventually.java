package dev.hypha.samples;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits, within a bound, for something a test cannot be told about: events, late effects. */
public final class Eventually {
  private Eventually() {}

  /** Whether {@code condition} became true within {@code timeout}, checked every 5 ms. */
  public static boolean within(Duration timeout, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(5);
    }
    return true;
  }
}
