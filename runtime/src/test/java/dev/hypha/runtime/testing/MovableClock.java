package dev.hypha.runtime.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The system clock, moved forward by hand: what a test gives {@code Hypha.builder().clock(...)} to
 * end a durable wait without sleeping through it. Thread-safe.
 */
public final class MovableClock extends Clock {
  private final AtomicReference<Duration> ahead = new AtomicReference<>(Duration.ZERO);

  @Override
  public ZoneOffset getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return Instant.now().plus(ahead.get());
  }

  /** Moves the clock forward by {@code by}. */
  public void advance(Duration by) {
    ahead.updateAndGet(current -> current.plus(by));
  }

  /** Moves the clock to a second past {@code to}. */
  public void advanceTo(Instant to) {
    ahead.set(Duration.between(Instant.now(), to).plusSeconds(1));
  }
}
