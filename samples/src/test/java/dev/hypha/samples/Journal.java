package dev.hypha.samples;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** What the methods of a test flow did, in order, for the test to assert on. Thread-safe. */
public final class Journal {
  private final List<String> entries = new CopyOnWriteArrayList<>();

  public void add(String entry) {
    entries.add(entry);
  }

  public List<String> entries() {
    return List.copyOf(entries);
  }

  /**
   * Waits until {@code entry} was added, for what happens after a run has ended, such as an
   * interrupted attempt noticing its interruption.
   */
  public boolean await(String entry, Duration timeout) throws InterruptedException {
    return Eventually.within(timeout, () -> entries.contains(entry));
  }
}
