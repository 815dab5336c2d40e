package dev.hypha.server;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits, within a bound, for something a test cannot be told about. */
final class Eventually {
  private Eventually() {}

  /** Whether {@code condition} became true within {@code timeout}, checked every 10 ms. */
  static boolean within(Duration timeout, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(10);
    }
    return true;
  }
}
