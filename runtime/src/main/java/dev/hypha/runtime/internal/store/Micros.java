package dev.hypha.runtime.internal.store;

import java.time.Instant;

/** Timestamps are stored as microseconds since the epoch: sortable, exact, and portable. */
public final class Micros {
  private Micros() {}

  public static long of(Instant instant) {
    return Math.addExact(
        Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1000);
  }

  public static Instant toInstant(long micros) {
    return Instant.ofEpochSecond(
        Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
  }
}
