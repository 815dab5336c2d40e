package dev.hypha.spring.flows;

import dev.hypha.annotations.Flow;
import dev.hypha.annotations.Input;
import dev.hypha.annotations.Task;

/** A flow that is not a bean and has no no-argument constructor: nothing can run its tasks. */
@Flow
public class Stranded {
  private final String prefix;

  public Stranded(String prefix) {
    this.prefix = prefix;
  }

  @Task
  public String echo(@Input String text) {
    return prefix + text;
  }
}
