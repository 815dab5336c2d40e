package dev.hypha.test;

import dev.hypha.annotations.DependsOn;
import dev.hypha.annotations.Flow;
import dev.hypha.annotations.Task;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Two independent tasks that each wait a little for the other to start: both meet on an engine that
 * runs them at once, only the second finds the first on one that runs a task at a time.
 */
@Flow
public class Pair {
  private final CountDownLatch started = new CountDownLatch(2);

  @Task
  public boolean left() throws InterruptedException {
    return meet();
  }

  @Task
  public boolean right() throws InterruptedException {
    return meet();
  }

  @Task
  @DependsOn({"left", "right"})
  public String met(boolean left, boolean right) {
    return "left met right: " + left + ", right met left: " + right;
  }

  private boolean meet() throws InterruptedException {
    started.countDown();
    return started.await(3, TimeUnit.SECONDS);
  }
}
