package dev.hypha.runtime;

import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Identifies one run. Ids are time-ordered UUIDs (version 7), so sorting them sorts runs by the
 * time they were started.
 *
 * @param value the canonical UUID text
 */
public record RunId(String value) implements Comparable<RunId> {
  public RunId {
    Objects.requireNonNull(value, "value");
    try {
      UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      throw new InvalidQueryException(
          "runId",
          "not a run id: '"
              + value
              + "'; run ids are UUIDs like 0192f1c4-8b3a-7e21-9c40-5d2f6a7b8c9d",
          e);
    }
    if (value.length() != 36) {
      throw new InvalidQueryException(
          "runId",
          "not a run id: '" + value + "'; write it in the canonical 36-character UUID form");
    }
    value = value.toLowerCase(java.util.Locale.ROOT);
  }

  /** Parses the text form of a run id. */
  public static RunId of(String value) {
    return new RunId(value);
  }

  /**
   * A new id whose first 48 bits are {@code epochMillis} and whose other 74 bits are random. Ids
   * identify runs, they do not authorise anything, so a fast generator is enough.
   */
  public static RunId generate(long epochMillis) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long randomA = random.nextLong();
    long randomB = random.nextLong();
    long msb = (epochMillis << 16) | 0x7000L | (randomA & 0x0FFFL);
    long lsb = (randomB & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
    return new RunId(new UUID(msb, lsb).toString());
  }

  @Override
  public int compareTo(RunId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
