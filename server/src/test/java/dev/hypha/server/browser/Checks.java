package dev.hypha.server.browser;

import dev.hypha.annotations.DependsOn;
import dev.hypha.annotations.Flow;
import dev.hypha.annotations.Input;
import dev.hypha.annotations.Retry;
import dev.hypha.annotations.Task;

/**
 * A flow whose {@code check} always fails (twice: it has a retry), with the run's input in its
 * error message, while the independent {@code echo} succeeds with the input in its output and
 * {@code report} is skipped because {@code check} failed.
 */
@Flow(name = "dashboard-checks")
public class Checks {

  @Task
  public String echo(@Input String volume) {
    return "echo: " + volume;
  }

  @Task
  @Retry(maxAttempts = 2, backoff = "PT0.05S")
  public String check(@Input String volume) {
    throw new IllegalStateException("disk quota exceeded for " + volume);
  }

  @Task
  @DependsOn({"echo", "check"})
  public String report(String echo, String check) {
    return echo + ", " + check;
  }
}
