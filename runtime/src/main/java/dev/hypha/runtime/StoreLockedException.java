package dev.hypha.runtime;

import java.time.Duration;

/** Another process held the database lock for longer than the configured busy timeout. */
public final class StoreLockedException extends StoreException {
  private static final long serialVersionUID = 1L;
  private final transient Duration waited;

  public StoreLockedException(String location, Duration waited, String holder, Throwable cause) {
    super(
        location,
        "database "
            + location
            + " is locked by "
            + holder
            + " (waited "
            + waited
            + "); stop the other process or give each Hypha its own file, or raise"
            + " Hypha.builder().busyTimeout(...)",
        cause);
    this.waited = waited;
  }

  public Duration waited() {
    return waited;
  }
}
