package dev.hypha.server.browser;

import dev.hypha.annotations.DependsOn;
import dev.hypha.annotations.Flow;
import dev.hypha.annotations.Input;
import dev.hypha.annotations.Task;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A run that stays RUNNING until it is cancelled: {@code hold} waits for a latch nobody opens. */
@Flow(name = "dashboard-hold")
public class Hold {
  private final CountDownLatch release;

  public Hold(CountDownLatch release) {
    this.release = release;
  }

  @Task
  public String hold(@Input String reason) throws InterruptedException {
    if (!release.await(120, TimeUnit.SECONDS)) {
      throw new IllegalStateException("held for 120 s and nobody cancelled the run");
    }
    return "released: " + reason;
  }

  @Task
  @DependsOn("hold")
  public String after(String hold) {
    return hold + ", then after";
  }
}
