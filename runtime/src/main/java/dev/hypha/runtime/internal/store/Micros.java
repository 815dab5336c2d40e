package dev.hypha.runtime.internal.store;

import java.time.Instant;

/** Timestamps are stored as microseconds since the epoch: sortable, exact, and portable. */
public final class Micros {
  private Micros() {}

  public static long of(Instant instant) {
    return Math.addExact(
        Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1000);
  }

  /**
   * A due time: {@code instant} rounded up to the microsecond (so nothing due then starts before
   * it), and saturated for instants beyond what microseconds hold (a quarter of the long range, so
   * that adding a delay cannot overflow either).
   */
  public static long due(Instant instant) {
    long bound = Long.MAX_VALUE / 4;
    try {
      long micros = of(instant) + (instant.getNano() % 1000 == 0 ? 0 : 1);
      return Math.max(-bound, Math.min(bound, micros));
    } catch (ArithmeticException beyond) {
      return instant.isAfter(Instant.EPOCH) ? bound : -bound;
    }
  }

  /** {@code duration} in microseconds, saturated so that a policy of centuries cannot overflow. */
  public static long of(java.time.Duration duration) {
    try {
      return duration.toNanos() / 1000;
    } catch (ArithmeticException tooLong) {
      return Long.MAX_VALUE / 4;
    }
  }

  public static Instant toInstant(long micros) {
    return Instant.ofEpochSecond(
        Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
  }
}
