package dev.hypha.test;

import dev.hypha.annotations.Delay;
import dev.hypha.annotations.DependsOn;
import dev.hypha.annotations.Flow;
import dev.hypha.annotations.Input;
import dev.hypha.annotations.Retry;
import dev.hypha.annotations.Task;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A card declined twice, charged on the third attempt after backoffs of one and two hours; the
 * welcome letter goes a day after the charge.
 */
@Flow
public class Subscription {
  private final AtomicInteger attempts = new AtomicInteger();

  @Task
  @Retry(maxAttempts = 3, backoff = "PT1H", maxBackoff = "PT2H")
  public String charge(@Input String customer) {
    int attempt = attempts.incrementAndGet();
    if (attempt < 3) {
      throw new IllegalStateException("card declined (attempt " + attempt + ")");
    }
    return "charged " + customer;
  }

  @Task
  @DependsOn("charge")
  @Delay("P1D")
  public String welcome(String charge) {
    return "welcome, " + charge;
  }
}
