package dev.hypha.server.flows;

import dev.hypha.annotations.Flow;
import dev.hypha.annotations.Input;
import dev.hypha.annotations.Task;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A task that holds until a test opens its gate (by the run's input), so that a run stays RUNNING
 * as long as a test needs: for cancellation and the event stream.
 */
@Flow
public class Gate {
  private static final ConcurrentHashMap<String, CountDownLatch> ENTERED =
      new ConcurrentHashMap<>();
  private static final ConcurrentHashMap<String, CountDownLatch> OPEN = new ConcurrentHashMap<>();

  @Task
  public String hold(@Input String gate) throws InterruptedException {
    latch(ENTERED, gate).countDown();
    if (!latch(OPEN, gate).await(60, TimeUnit.SECONDS)) {
      throw new IllegalStateException("gate " + gate + " was never opened");
    }
    return "passed " + gate;
  }

  /** Waits until a run's task is inside the gate {@code gate}. */
  public static boolean awaitEntered(String gate) throws InterruptedException {
    return latch(ENTERED, gate).await(30, TimeUnit.SECONDS);
  }

  /** Lets the task waiting at {@code gate} (or the next to come) through. */
  public static void open(String gate) {
    latch(OPEN, gate).countDown();
  }

  private static CountDownLatch latch(
      ConcurrentHashMap<String, CountDownLatch> latches, String key) {
    return latches.computeIfAbsent(key, k -> new CountDownLatch(1));
  }
}
