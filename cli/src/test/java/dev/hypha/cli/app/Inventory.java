package dev.hypha.cli.app;

import dev.hypha.annotations.DependsOn;
import dev.hypha.annotations.Flow;
import dev.hypha.annotations.Input;
import dev.hypha.annotations.Task;

/**
 * A flow that fails: nothing is in stock, so {@code reserve} throws and {@code ship} is skipped.
 */
@Flow
public class Inventory {
  @Task
  public int count(@Input String sku) {
    return 0;
  }

  @Task
  @DependsOn("count")
  public String reserve(int count) {
    if (count == 0) {
      throw new IllegalStateException("no stock left to reserve\nsecond line of the message");
    }
    return "reserved";
  }

  @Task
  @DependsOn("reserve")
  public String ship(String reserve) {
    return "shipped";
  }
}
