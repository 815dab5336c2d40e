package dev.hypha.test;

import dev.hypha.annotations.Flow;
import dev.hypha.annotations.Input;
import dev.hypha.annotations.Task;
import dev.hypha.annotations.Timeout;
import java.time.Duration;

/**
 * An export with an hour's timeout, whose work takes the time the input says, on the test clock.
 */
@Flow
public class Export {
  private final TestClock clock;

  public Export(TestClock clock) {
    this.clock = clock;
  }

  @Task
  @Timeout("PT1H")
  public String export(@Input String takes) throws InterruptedException {
    clock.sleep(Duration.parse(takes));
    return "exported in " + takes;
  }
}
