package dev.hypha.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * Samples the heap in use every few milliseconds and keeps the highest value seen: the peak heap of
 * a workload, garbage not yet collected included.
 */
final class HeapSampler implements AutoCloseable {
  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final Thread thread;
  private volatile boolean running = true;
  private volatile long peak;

  HeapSampler() {
    System.gc();
    peak = used();
    thread = new Thread(this::sample, "heap-sampler");
    thread.setDaemon(true);
    thread.start();
  }

  private void sample() {
    while (running) {
      peak = Math.max(peak, used());
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private long used() {
    return memory.getHeapMemoryUsage().getUsed();
  }

  /** The peak in MiB. */
  long peakMib() {
    return Math.max(peak, used()) / (1024 * 1024);
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.join();
  }
}
