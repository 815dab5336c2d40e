package dev.hypha.server.browser;

import dev.hypha.annotations.DependsOn;
import dev.hypha.annotations.Flow;
import dev.hypha.annotations.ForEach;
import dev.hypha.annotations.Input;
import dev.hypha.annotations.Task;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * A diamond with a fan-out whose first task waits for a gate the test opens, so a browser sees the
 * run change live: {@code prepare} RUNNING, then every task SUCCEEDED.
 */
@Flow(name = "dashboard-relay")
public class Relay {
  private final CountDownLatch gate;

  public Relay(CountDownLatch gate) {
    this.gate = gate;
  }

  @Task
  public List<Integer> prepare(@Input Integer count) throws InterruptedException {
    if (!gate.await(60, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the test never opened the gate");
    }
    return IntStream.rangeClosed(1, count).boxed().toList();
  }

  @Task
  @DependsOn("prepare")
  public Integer square(@ForEach Integer number) throws InterruptedException {
    Thread.sleep(150); // long enough to be seen running
    return number * number;
  }

  @Task
  @DependsOn("prepare")
  public String label(List<Integer> prepare) {
    return prepare.size() + " numbers";
  }

  @Task
  @DependsOn({"square", "label"})
  public Integer total(List<Integer> square, String label) {
    return square.stream().mapToInt(Integer::intValue).sum();
  }
}
