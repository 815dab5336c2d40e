package dev.hypha.test;

import dev.hypha.annotations.DependsOn;
import dev.hypha.annotations.Flow;
import dev.hypha.annotations.Input;
import dev.hypha.annotations.Retry;
import dev.hypha.annotations.Task;

/** An order whose card is declined at every attempt, so it is never shipped. */
@Flow
public class Declined {
  @Task
  public String load(@Input String order) {
    return order;
  }

  @Task
  @DependsOn("load")
  @Retry(maxAttempts = 2, backoff = "PT1M")
  public String charge(String load) {
    throw new IllegalStateException("card declined for " + load);
  }

  @Task
  @DependsOn("charge")
  public String ship(String charge) {
    return "shipped " + charge;
  }
}
